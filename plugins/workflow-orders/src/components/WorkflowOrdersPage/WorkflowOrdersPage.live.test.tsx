import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  TEST_BASE_URL,
  createTestClient,
  daxBreakout,
  eurUsdMeanReversion,
  goldTrendFollower,
  pageCatalogEntities,
  setupMockBackend,
  shownWorkflows,
  spxSwing,
} from '../../__testUtils__';
import {
  fakeSignals,
  newLatestOrder,
  serveLiveChanges,
  withSignals,
} from '../../__testUtils__/live';
import { workflowOrdersApiRef } from '../../api';
import { WorkflowOrdersPage } from './WorkflowOrdersPage';

/** Renders the Workflow orders page at `url` in an app with `signals`, or without the plugin. */
async function renderPage(
  options: { url?: string; pageSize?: number; signals?: typeof signals } = {},
) {
  const page = <WorkflowOrdersPage pageSize={options.pageSize} />;
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [workflowOrdersApiRef, createTestClient()],
        [catalogApiRef, catalogApiMock({ entities: pageCatalogEntities() })],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {options.signals ? withSignals(page, options.signals) : page}
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/workflow-orders'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  await screen.findAllByText(/DAX Breakout Strategy|EUR\/USD Mean Reversion/);
  return rendered;
}

let signals: ReturnType<typeof fakeSignals>;

describe('WorkflowOrdersPage, live', () => {
  const { server, requests } = setupMockBackend();
  const latestOrdersRequests = () =>
    requests.filter(r => r.url.pathname.endsWith('/latest-orders')).length;
  beforeEach(() => {
    signals = fakeSignals();
  });

  it('moves a workflow with a new order to the top, marked new, and says it is live', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    await renderPage({ signals });
    expect(await screen.findByText('Live')).toBeInTheDocument();

    // Act
    signals.hint(
      backend.publish(
        newLatestOrder(eurUsdMeanReversion(), { order_code: 'EURUSD' }),
      ),
    );

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'EUR/USD Mean ReversionNew',
        'DAX Breakout Strategy',
        'S&P 500 Swing (slow backend)',
        'Gold Trend FollowerNot in the catalog',
      ]),
    );
    const top = screen.getAllByRole('row')[1];
    expect(within(top).getByText('SELL')).toBeInTheDocument();
    expect(within(top).getByText('just now')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 new order');
    expect(screen.queryByText(/Last updated/)).not.toBeInTheDocument();
  });

  it('announces a burst of new orders once', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    await renderPage({ signals });
    await screen.findByText('Live');

    // Act
    signals.hint(backend.publish(newLatestOrder(goldTrendFollower())));
    signals.hint(backend.publish(newLatestOrder(spxSwing())));
    signals.hint(backend.publish(newLatestOrder(eurUsdMeanReversion())));

    // Assess
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('3 new orders'),
    );
    expect(screen.getByRole('status').textContent).toBe('3 new orders');
    expect(shownWorkflows().slice(0, 3)).toEqual([
      'EUR/USD Mean ReversionNew',
      'S&P 500 Swing (slow backend)New',
      expect.stringMatching(/^Gold Trend Follower.*New$/),
    ]);
  });

  it('keeps the filters: a workflow whose new order does not match them is not shown', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    await renderPage({ signals, url: '/workflow-orders?direction=buy' });
    await screen.findByText('Live');
    expect(shownWorkflows()[0]).toBe('DAX Breakout Strategy');

    // Act
    signals.hint(
      backend.publish(
        newLatestOrder(daxBreakout(), { order_direction: 'SELL' }),
        newLatestOrder(spxSwing(), { order_direction: 'BUY' }),
      ),
    );

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()[0]).toBe('S&P 500 Swing (slow backend)New'),
    );
    expect(screen.queryByText('DAX Breakout Strategy')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 new order');
  });

  it('leaves a reader of page 3 where they are, and offers to show the workflows with new orders', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    await renderPage({ signals, pageSize: 1 });
    await screen.findByText('Live');
    await userEvent.click(screen.getByRole('button', { name: /next/i }));
    await screen.findByText('S&P 500 Swing (slow backend)');
    await userEvent.click(screen.getByRole('button', { name: /next/i }));
    await screen.findByText('EUR/USD Mean Reversion');

    // Act
    signals.hint(
      backend.publish(
        newLatestOrder(daxBreakout()),
        newLatestOrder(goldTrendFollower()),
      ),
    );

    // Assess
    const show = await screen.findByRole('button', {
      name: '2 workflows have new orders — show',
    });
    expect(shownWorkflows()).toEqual(['EUR/USD Mean Reversion']);
    expect(screen.getByRole('status')).toHaveTextContent(
      '2 workflows have new orders',
    );

    // Act
    await userEvent.click(show);

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual(['DAX Breakout Strategy']),
    );
    expect(show).not.toBeInTheDocument();
  });

  it('reloads the page when the backend cannot say everything that changed', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    await renderPage({ signals });
    await screen.findByText('Live');
    const loads = latestOrdersRequests();

    // Act
    signals.hint(backend.forget());

    // Assess
    await waitFor(() => expect(latestOrdersRequests()).toBe(loads + 1));
  });

  it('says when it last updated in an app without the signals plugin, and asks nothing live', async () => {
    // Act
    await renderPage();

    // Assess
    expect(await screen.findByText(/Last updated/)).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
    expect(
      requests.filter(r => r.url.pathname.endsWith('/live/changes')),
    ).toEqual([]);
  });

  it('says when it last updated when the backend has no live updates', async () => {
    // Prepare
    server.use(
      http.get(`${TEST_BASE_URL}/live/changes`, () =>
        HttpResponse.json({}, { status: 404 }),
      ),
    );

    // Act
    await renderPage({ signals });

    // Assess
    await waitFor(() =>
      expect(
        requests.filter(r => r.url.pathname.endsWith('/live/changes')),
      ).toHaveLength(1),
    );
    expect(screen.getByText(/Last updated/)).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });
});
