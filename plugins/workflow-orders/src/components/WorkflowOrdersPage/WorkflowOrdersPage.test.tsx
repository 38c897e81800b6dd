import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { useLocation } from 'react-router-dom';
import { Entity } from '@backstage/catalog-model';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { workflowOrdersApiRef } from '../../api';
import {
  demoWorkflows,
  firstReleaseWorkflow as firstRelease,
  workflowEntity,
} from '../../mocks/data';
import { errorResponse } from '../../mocks/handlers';
import {
  TEST_BASE_URL,
  createTestClient,
  setupMockBackend,
} from '../../__testUtils__/mockBackend';
import { WorkflowOrdersPage } from './WorkflowOrdersPage';

const [dax, eurusd, gold, , , spx] = demoWorkflows;
const TRADING_DESK = 'group:default/trading-desk';

/** A workflow's entity, owned by `owner`, as the catalog relates them. */
function ownedEntity(
  workflow: { id: string; name: string },
  owner: string,
): Entity {
  const entity = workflowEntity(workflow);
  return {
    ...entity,
    spec: { ...entity.spec, owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const group = (name: string, title: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, title },
  spec: { type: 'team', children: [] },
});

// Gold and the first-release workflow have orders but no entity: deleted, or never registered.
const catalogEntities = [
  ownedEntity(dax, TRADING_DESK),
  ownedEntity(eurusd, TRADING_DESK),
  ownedEntity(spx, 'group:default/quant-research'),
  group('trading-desk', 'Trading desk'),
  group('quant-research', 'Quant research'),
];

/** The URL's search, shown so tests can read what a shared link would hold. */
function ShownSearch() {
  return <output aria-label="search">{useLocation().search}</output>;
}

function renderPage(
  options: {
    url?: string;
    pageSize?: number;
    entities?: Entity[];
    catalog?: CatalogApi;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [workflowOrdersApiRef, createTestClient()],
        [
          catalogApiRef,
          options.catalog ??
            catalogApiMock({ entities: options.entities ?? catalogEntities }),
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <WorkflowOrdersPage pageSize={options.pageSize} />
      <ShownSearch />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/workflow-orders'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The workflow cell of each body row, top to bottom. */
function shownWorkflows(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('rowheader')[0].textContent ?? '');
}

const shownSearch = () => screen.getByLabelText('search').textContent;

describe('WorkflowOrdersPage', () => {
  const { server, requests } = setupMockBackend({
    workflows: [...demoWorkflows, firstRelease],
  });
  const latestRequests = () =>
    requests.filter(r => r.url.pathname.endsWith('/latest-orders'));

  it('lists the latest order of each visible workflow, newest first, linking those in the catalog', async () => {
    // Act
    await renderPage();

    // Assess
    await screen.findByText('DAX Breakout Strategy');
    expect(shownWorkflows()).toEqual([
      `${firstRelease.id}Not in the catalog`,
      'DAX Breakout Strategy',
      'S&P 500 Swing (slow backend)',
      'EUR/USD Mean Reversion',
      'Gold Trend FollowerNot in the catalog',
    ]);
    expect(
      screen.getByRole('link', { name: 'DAX Breakout Strategy' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/dax-breakout-strategy',
    );
    expect(screen.queryByText(/Bund Futures/)).not.toBeInTheDocument();
    const daxRow = screen.getAllByRole('row')[2];
    expect(within(daxRow).getByText('3 minutes ago')).toBeInTheDocument();
    expect(within(daxRow).getByText('BUY')).toBeInTheDocument();
    expect(within(daxRow).getByText('DAX.I')).toBeInTheDocument();
    expect(within(daxRow).getByText('LIMIT')).toBeInTheDocument();
    expect(screen.getByText(/Last updated/)).toBeInTheDocument();
  });

  it('restores the filters from the URL and asks the backend for them', async () => {
    // Act
    await renderPage({
      url: `/workflow-orders?direction=BUY&code=XAUUSD&owner=${TRADING_DESK}&workflow=${eurusd.id}`,
    });

    // Assess
    expect(
      await screen.findByText("No workflow's last order matches these filters"),
    ).toBeInTheDocument();
    const query = latestRequests().at(-1)!.url.searchParams;
    expect(query.get('direction')).toBe('BUY');
    expect(query.get('code')).toBe('XAUUSD');
    expect(query.get('workflow_ids')).toBe(eurusd.id);
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Workflow' })).toHaveValue(
        'EUR/USD Mean Reversion',
      ),
    );
    expect(screen.getByRole('searchbox', { name: 'Asset code' })).toHaveValue(
      'XAUUSD',
    );
    expect(screen.getByRole('button', { name: /Direction/ })).toHaveTextContent(
      'Buy',
    );
    expect(screen.getByRole('button', { name: /Owner/ })).toHaveTextContent(
      'Trading desk',
    );
  });

  it('restores a workflow no entity carries by its id, and shows its stored name as not in the catalog', async () => {
    // Act
    await renderPage({ url: `/workflow-orders?workflow=${gold.id}` });

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'Gold Trend FollowerNot in the catalog',
      ]),
    );
    expect(latestRequests().at(-1)!.url.searchParams.get('workflow_ids')).toBe(
      gold.id,
    );
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Workflow' })).toHaveValue(
        gold.id,
      ),
    );
  });

  it('shows only the workflows of the owner picked, and puts the owner in the URL', async () => {
    // Prepare
    await renderPage();
    await screen.findByText('DAX Breakout Strategy');

    // Act
    await userEvent.click(screen.getByRole('button', { name: /Owner/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Trading desk' }),
    );

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'DAX Breakout Strategy',
        'EUR/USD Mean Reversion',
      ]),
    );
    expect(shownSearch()).toBe(`?owner=${encodeURIComponent(TRADING_DESK)}`);
  });

  it('filters by direction through the URL and offers to clear the filters when nothing matches', async () => {
    // Prepare
    await renderPage();
    await screen.findByText('DAX Breakout Strategy');

    // Act
    await userEvent.click(screen.getByRole('button', { name: /Direction/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Sell' }));

    // Assess
    expect(
      await screen.findByText("No workflow's last order matches these filters"),
    ).toBeInTheDocument();
    expect(shownSearch()).toBe('?direction=sell');
    expect(latestRequests().at(-1)!.url.searchParams.get('direction')).toBe(
      'SELL',
    );

    // Act
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );

    // Assess
    expect(
      await screen.findByText('DAX Breakout Strategy'),
    ).toBeInTheDocument();
    expect(shownSearch()).toBe('');
  });

  it('finds a workflow by typing part of its title', async () => {
    // Prepare
    await renderPage();
    await screen.findByText('DAX Breakout Strategy');

    // Act
    await userEvent.type(
      screen.getByRole('combobox', { name: 'Workflow' }),
      'eur',
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'EUR/USD Mean Reversion' }),
    );

    // Assess
    await waitFor(() => expect(shownSearch()).toBe(`?workflow=${eurusd.id}`));
    await waitFor(() =>
      expect(shownWorkflows()).toEqual(['EUR/USD Mean Reversion']),
    );
    expect(latestRequests().at(-1)!.url.searchParams.get('workflow_ids')).toBe(
      eurusd.id,
    );
  });

  it('pages through the workflows with the cursor of the backend', async () => {
    // Prepare
    await renderPage({ pageSize: 2 });
    await screen.findByText('DAX Breakout Strategy');
    expect(shownWorkflows()).toHaveLength(2);

    // Act
    await userEvent.click(screen.getByRole('button', { name: /next/i }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'S&P 500 Swing (slow backend)',
        'EUR/USD Mean Reversion',
      ]),
    );
    expect(
      latestRequests().at(-1)!.url.searchParams.get('cursor'),
    ).toBeTruthy();

    // Act
    await userEvent.click(screen.getByRole('button', { name: /previous/i }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()[1]).toBe('DAX Breakout Strategy'),
    );
  });

  it('says when no workflow placed an order in the last 7 days', async () => {
    // Prepare
    server.use(
      http.get(`${TEST_BASE_URL}/latest-orders`, () =>
        Response.json({ orders: [], limit: 50, next_cursor: null }),
      ),
    );

    // Act
    await renderPage();

    // Assess
    expect(
      await screen.findByText('No workflow placed an order in the last 7 days'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Clear filters' }),
    ).not.toBeInTheDocument();
  });

  it('shows an outage as an error with a retry, not as an empty page', async () => {
    // Prepare
    server.use(
      http.get(`${TEST_BASE_URL}/latest-orders`, () =>
        errorResponse(
          503,
          'ServiceUnavailableError',
          'The order store is unreachable',
        ),
      ),
    );

    // Act
    await renderPage();

    // Assess
    expect(
      await screen.findByText(/Could not load the latest orders/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The order store is unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByText('503 ServiceUnavailableError')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByText(/No workflow/)).not.toBeInTheDocument();
  });

  it("says when the catalog cannot name an owner's workflows, rather than showing every workflow", async () => {
    // Prepare
    const catalog = catalogApiMock({ entities: catalogEntities });
    const query = catalog.queryEntities.bind(catalog);
    let catalogDown = true;
    jest.spyOn(catalog, 'queryEntities').mockImplementation(async request => {
      const owned =
        request && 'filter' in request && JSON.stringify(request.filter);
      if (catalogDown && owned && owned.includes('relations.ownedBy')) {
        throw new Error('The catalog is unreachable');
      }
      return query(request);
    });

    // Act
    await renderPage({
      url: `/workflow-orders?owner=${TRADING_DESK}`,
      catalog,
    });

    // Assess
    expect(
      await screen.findByText('The catalog is unreachable'),
    ).toBeInTheDocument();
    expect(screen.queryByText('S&P 500 Swing (slow backend)')).toBeNull();
    expect(latestRequests()).toHaveLength(0);

    // Act
    catalogDown = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'DAX Breakout Strategy',
        'EUR/USD Mean Reversion',
      ]),
    );
  });

  it('says when an owner has more workflows than one request can name', async () => {
    // Prepare
    const many = Array.from({ length: 101 }, (_, i) =>
      ownedEntity(
        {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          name: `Desk workflow ${i}`,
        },
        TRADING_DESK,
      ),
    );

    // Act
    await renderPage({
      url: `/workflow-orders?owner=${TRADING_DESK}`,
      entities: [...many, group('trading-desk', 'Trading desk')],
    });

    // Assess
    expect(
      await screen.findByText(
        'This group owns 101 workflows; the page shows the latest orders of the first 100.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        latestRequests()
          .at(-1)
          ?.url.searchParams.get('workflow_ids')
          ?.split(','),
      ).toHaveLength(100),
    );
  });

  it('opens the detail of the order of a row, by click and by keyboard', async () => {
    // Prepare
    await renderPage();
    await screen.findByText('DAX Breakout Strategy');

    // Act
    await userEvent.click(screen.getAllByRole('row')[2]);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('BUY 1 DAX.I')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: 'All orders of this workflow' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/dax-breakout-strategy/orders',
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Act
    act(() => screen.getAllByRole('row')[4].focus());
    await userEvent.keyboard('{Enter}');

    // Assess
    expect(
      within(await screen.findByRole('dialog')).getByText('BUY 1 EURUSD'),
    ).toBeInTheDocument();
  });
});
