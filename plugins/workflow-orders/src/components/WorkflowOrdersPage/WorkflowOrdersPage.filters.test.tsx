import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  choose,
  eurUsdMeanReversion,
  goldTrendFollower,
  group,
  lastLatestOrdersQuery,
  ownedEntity,
  pageCatalogEntities,
  renderLoadedWorkflowOrdersPage,
  renderWorkflowOrdersPage,
  setupMockBackend,
  shownSearch,
  shownWorkflows,
  TRADING_DESK,
  typeInto,
} from '../../__testUtils__';

const eurusd = eurUsdMeanReversion();
const gold = goldTrendFollower();
const NOTHING_MATCHES = "No workflow's last order matches these filters";
const TRADING_DESK_WORKFLOWS = [
  'DAX Breakout Strategy',
  'EUR/USD Mean Reversion',
];

describe('WorkflowOrdersPage filters', () => {
  const { requests } = setupMockBackend();
  const lastQuery = () => lastLatestOrdersQuery(requests);

  it('restores the filters from the URL and asks the backend for them', async () => {
    // Act
    await renderWorkflowOrdersPage({
      url: `/workflow-orders?direction=BUY&code=XAUUSD&owner=${TRADING_DESK}&workflow=${eurusd.id}`,
    });

    // Assess
    expect(await screen.findByText(NOTHING_MATCHES)).toBeInTheDocument();
    expect(lastQuery()?.get('direction')).toBe('BUY');
    expect(lastQuery()?.get('code')).toBe('XAUUSD');
    expect(lastQuery()?.get('workflow_ids')).toBe(eurusd.id);
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
    await renderWorkflowOrdersPage({
      url: `/workflow-orders?workflow=${gold.id}`,
    });

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'Gold Trend FollowerNot in the catalog',
      ]),
    );
    expect(lastQuery()?.get('workflow_ids')).toBe(gold.id);
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Workflow' })).toHaveValue(
        gold.id,
      ),
    );
  });

  it('shows only the workflows of the owner picked, and puts the owner in the URL', async () => {
    // Prepare
    await renderLoadedWorkflowOrdersPage();

    // Act
    await choose('Owner', 'Trading desk');

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual(TRADING_DESK_WORKFLOWS),
    );
    expect(shownSearch()).toBe(`?owner=${encodeURIComponent(TRADING_DESK)}`);
  });

  it('filters by direction through the URL and offers to clear the filters when nothing matches', async () => {
    // Prepare
    await renderLoadedWorkflowOrdersPage();

    // Act
    await choose('Direction', 'Sell');

    // Assess
    expect(await screen.findByText(NOTHING_MATCHES)).toBeInTheDocument();
    expect(shownSearch()).toBe('?direction=sell');
    expect(lastQuery()?.get('direction')).toBe('SELL');

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
    await renderLoadedWorkflowOrdersPage();

    // Act
    await typeInto('combobox', 'Workflow', 'eur');
    await userEvent.click(
      await screen.findByRole('option', { name: 'EUR/USD Mean Reversion' }),
    );

    // Assess
    await waitFor(() => expect(shownSearch()).toBe(`?workflow=${eurusd.id}`));
    await waitFor(() =>
      expect(shownWorkflows()).toEqual(['EUR/USD Mean Reversion']),
    );
    expect(lastQuery()?.get('workflow_ids')).toBe(eurusd.id);
  });

  it("says when the catalog cannot name an owner's workflows, rather than showing every workflow", async () => {
    // Prepare
    const catalog = catalogApiMock({ entities: pageCatalogEntities() });
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
    await renderWorkflowOrdersPage({
      url: `/workflow-orders?owner=${TRADING_DESK}`,
      catalog,
    });

    // Assess
    expect(
      await screen.findByText('The catalog is unreachable'),
    ).toBeInTheDocument();
    expect(screen.queryByText('S&P 500 Swing (slow backend)')).toBeNull();
    expect(lastQuery()).toBeUndefined();

    // Act
    catalogDown = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual(TRADING_DESK_WORKFLOWS),
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
    await renderWorkflowOrdersPage({
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
      expect(lastQuery()?.get('workflow_ids')?.split(',')).toHaveLength(100),
    );
  });
});
