import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { LIVE_ORDERS_CHANNEL } from '@workflow-orders/plugin-workflow-orders-common';
import { TEST_BASE_URL, createTestClient } from '../__testUtils__';
import { healthyWorkflows } from './demoWorkflows';
import { createWorkflowOrdersHandlers } from './handlers';
import { createMockLiveFeed } from './liveFeed';

describe('createMockLiveFeed', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  afterEach(() => jest.useRealTimers());

  it('places an order every 10 seconds while someone listens, served by every route', async () => {
    // Prepare
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const workflows = healthyWorkflows();
    const origin = Date.now();
    const live = createMockLiveFeed(workflows, { origin });
    server.use(
      ...createWorkflowOrdersHandlers({
        baseUrl: TEST_BASE_URL,
        slowMs: 0,
        workflows,
        origin,
        live,
      }),
    );
    const client = createTestClient();
    const hints: unknown[] = [];

    // Act
    const subscription = live.signalApi.subscribe(LIVE_ORDERS_CHANNEL, hint =>
      hints.push(hint),
    );
    await jest.advanceTimersByTimeAsync(20_000);
    subscription.unsubscribe();
    await jest.advanceTimersByTimeAsync(60_000);
    // The mock's slow workflow waits on a timer of its own.
    jest.useRealTimers();

    // Assess
    expect(hints).toEqual([
      { type: 'orders-changed', sequence: 1 },
      { type: 'orders-changed', sequence: 2 },
    ]);
    const answer = await client.getLiveChanges({ after: 0 });
    expect(answer).toMatchObject({ sequence: 2, complete: true });
    expect(answer.changes.map(c => c.id)).toEqual(['live-2', 'live-1']);
    const latest = await client.getLatestOrders();
    expect(latest.orders.slice(0, 2).map(o => o.id)).toEqual([
      'live-2',
      'live-1',
    ]);
    expect(await client.getLiveChanges({ after: 5 })).toMatchObject({
      complete: false,
      changes: [],
    });
  });
});
