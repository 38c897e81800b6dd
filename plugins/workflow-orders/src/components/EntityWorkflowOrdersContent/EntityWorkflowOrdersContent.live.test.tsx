import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MockWorkflow,
  ShownSearch,
  aWorkflow,
  anOrder,
  daxBreakout,
  renderWithEntity,
  setupMockBackend,
  shownSearch,
  workflowEntity,
} from '../../__testUtils__';
import {
  fakeSignals,
  newLatestOrder,
  serveLiveChanges,
  withSignals,
} from '../../__testUtils__/live';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const WORKFLOW = { id: '5b0c7e55-1d2f-4a8b-9c3d-2e4f6a8b0c1d', name: 'Nikkei' };

/** The Nikkei workflow with orders placed the given seconds ago, newest first; ids `n-<seconds>`. */
function nikkei(...secondsAgo: number[]): MockWorkflow {
  return aWorkflow({
    ...WORKFLOW,
    orders: secondsAgo.map(ago =>
      anOrder({ id: `n-${ago}`, secondsAgo: ago, order_code: 'NKY' }),
    ),
  });
}

/** The new order that `/live/changes` reports, placed `secondsAgo` before now. */
const pushed = (secondsAgo: number) =>
  newLatestOrder(WORKFLOW, {
    id: `n-${secondsAgo}`,
    order_code: 'NKY',
    order_direction: 'BUY',
    placed_at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
  });

/** The "When" cell of each order row, top to bottom. */
function shownTimes(): string[] {
  return screen.getAllByRole('row').flatMap(row => {
    const time = row.querySelector('time');
    return time ? [time.textContent ?? ''] : [];
  });
}

describe('EntityWorkflowOrdersContent, live', () => {
  const { server, serve, requests } = setupMockBackend();
  const liveRequests = () =>
    requests.filter(r => r.url.pathname.endsWith('/live/changes')).length;
  const historyRequests = () =>
    requests.filter(r => r.url.pathname.endsWith('/orders')).length;
  let signals: ReturnType<typeof fakeSignals>;
  beforeEach(() => {
    signals = fakeSignals();
  });

  async function renderTab(url = '/') {
    await renderWithEntity(
      withSignals(
        <>
          <EntityWorkflowOrdersContent />
          <ShownSearch />
        </>,
        signals,
      ),
      { entity: workflowEntity(WORKFLOW), routeEntries: [url] },
    );
  }

  it('shows a new order at the top of the first page with the count, in one announcement', async () => {
    // Prepare
    serve([nikkei(3600, 7200, 10800)]);
    const backend = serveLiveChanges(server);
    await renderTab();
    await screen.findByText('3 orders in the last 7 days');
    expect(await screen.findByText('Live')).toBeInTheDocument();

    // Act
    serve([nikkei(1, 3600, 7200, 10800)]);
    backend.restore();
    signals.hint(backend.publish(pushed(1)));

    // Assess
    expect(
      await screen.findByText('4 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(shownTimes()).toEqual([
      'just now',
      '1 hour ago',
      '2 hours ago',
      '3 hours ago',
    ]);
    const region = screen.getByText('1 new order').closest('[aria-live]');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('4 orders in the last 7 days1 new order');
    const announcing = [...document.querySelectorAll('[aria-live]')].filter(
      element => element.textContent?.includes('new order'),
    );
    expect(announcing).toEqual([region]);
  });

  it('adds the new orders a push carries at the top, without loading the page again', async () => {
    // Prepare
    serve([nikkei(3600, 7200)]);
    const backend = serveLiveChanges(server);
    await renderTab();
    await screen.findByText('2 orders in the last 7 days');
    await waitFor(() => expect(liveRequests()).toBe(1));
    const asked = requests.find(r => r.url.pathname.endsWith('/live/changes'));
    const loads = historyRequests();
    // The newest order shown, as the backend answered it.
    const since = document
      .querySelector('tbody time')
      ?.getAttribute('datetime');
    const newest = pushed(1);
    const { workflow_name: _name, ...newestListed } = newest;
    const { workflow_name: _other, ...earlierListed } = pushed(30);

    // Act
    signals.push({
      type: 'orders-changed',
      sequence: backend.publish(newest),
      after: 0,
      changes: [newest],
      tabs: {
        [WORKFLOW.id]: {
          since,
          orders: [newestListed, earlierListed],
        },
      },
    });

    // Assess
    expect(
      await screen.findByText('4 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(shownTimes()).toEqual([
      'just now',
      'just now',
      '1 hour ago',
      '2 hours ago',
    ]);
    expect(await screen.findByText('2 new orders')).toBeInTheDocument();
    expect(asked?.url.searchParams.getAll('tab')).toEqual([WORKFLOW.id]);
    expect(historyRequests()).toBe(loads);
    expect(liveRequests()).toBe(1);
  });

  it('sorted oldest first, offers the new orders instead of moving its reader', async () => {
    // Prepare
    serve([nikkei(3600, 7200)]);
    const backend = serveLiveChanges(server);
    await renderTab('/?sort=oldest');
    await screen.findByText('2 orders in the last 7 days');
    await screen.findByText('Live');

    // Act
    signals.hint(backend.publish(pushed(20)));
    await screen.findByRole('button', { name: '1 new order' });
    serve([nikkei(1, 20, 3600, 7200)]);
    backend.restore();
    signals.hint(backend.publish(pushed(1)));

    // Assess
    const show = await screen.findByRole('button', { name: '2 new orders' });
    expect(shownTimes()).toEqual(['2 hours ago', '1 hour ago']);
    expect(screen.getByText('2 orders in the last 7 days')).toBeInTheDocument();

    // Act
    await userEvent.click(show);

    // Assess
    await waitFor(() => expect(shownTimes()[0]).toBe('just now'));
    expect(shownSearch()).toBe('');
    expect(
      screen.queryByRole('button', { name: /new order/ }),
    ).not.toBeInTheDocument();
  });

  it('after "Load more", offers the new orders and loads them on request', async () => {
    // Prepare
    const dax = daxBreakout();
    serve([dax]);
    const backend = serveLiveChanges(server);
    await renderWithEntity(
      withSignals(<EntityWorkflowOrdersContent />, signals),
      { entity: workflowEntity(dax) },
    );
    await screen.findByText('Live');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    await screen.findByText('Showing 27 of 27');

    // Act
    serve([
      {
        ...dax,
        orders: [anOrder({ id: 'dax-new', secondsAgo: 0 }), ...dax.orders],
      },
    ]);
    backend.restore();
    signals.hint(
      backend.publish(
        newLatestOrder(dax, { id: 'dax-new', order_direction: 'BUY' }),
      ),
    );

    // Assess
    const show = await screen.findByRole('button', { name: '1 new order' });
    expect(screen.getByText('Showing 27 of 27')).toBeInTheDocument();

    // Act
    await userEvent.click(show);

    // Assess
    expect(await screen.findByText('Showing 27 of 28')).toBeInTheDocument();
    expect(
      within(screen.getAllByRole('row')[1]).getByText('just now'),
    ).toBeInTheDocument();
  });

  it('ignores the new orders of other workflows', async () => {
    // Prepare
    serve([nikkei(3600)]);
    const backend = serveLiveChanges(server);
    await renderTab();
    await screen.findByText('Live');
    serve([nikkei(1, 3600)]);
    backend.restore();

    // Act
    signals.hint(backend.publish(newLatestOrder(daxBreakout())));
    await waitFor(() => expect(liveRequests()).toBe(2));

    // Assess
    expect(await screen.findByText('1 order in the last 7 days')).toBeVisible();
    expect(historyRequests()).toBe(1);
  });
});
