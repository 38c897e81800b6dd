import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  awsCliPutItem,
  faultEveryRequest,
  quickstartItem,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  OrderTable,
  orderItem,
  storeConfig,
  storeOn,
} from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(60_000);

// An hour ahead of the wall clock: items just outside the store's window are still held by DynamoDB
// (even by DynamoDB Local, which runs TTL), so only the key condition can leave them out.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;
const OLDEST = NOW - ORDER_RETENTION_SECONDS;

const QUICKSTART_WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';

describe('DynamoDbOrderStore', () => {
  const dynamo = useTestTable({ tableName: 'orders_store_test' });
  const logger = mockServices.logger.mock();
  let table: OrderTable;
  let store: DynamoDbOrderStore;

  beforeAll(async () => {
    ({ store, table } = await storeOn(dynamo, { logger, now: () => NOW_MS }));
  });

  it('leaves out what is older than 7 days, to the millisecond', async () => {
    // Prepare
    const workflowId = randomUUID();
    const at = (placed_at: number, id: string) =>
      orderItem({ workflow_id: workflowId, placed_at, id });
    await table.putAll([
      at(OLDEST - 3600, 'expired-an-hour-ago'),
      at(OLDEST - 0.001, 'expired-just-now'),
      at(OLDEST + 0.001, 'expires-next'),
      at(NOW - 10, 'recent'),
    ]);

    // Act
    const page = await store.getHistory({ workflowId, limit: 1 });
    const [last] = await store.getLastOrders({ workflowIds: [workflowId] });
    const activity = await store.getActivity({ workflowId, days: 7 });
    const expired = await store.getOrder({ orderId: 'expired-just-now' });
    const kept = await store.getOrder({ orderId: 'expires-next' });

    // Assess
    expect(page.totalCount).toBe(2);
    expect(page.orders.map(order => order.id)).toEqual(['recent']);
    const rest = await store.getHistory({
      workflowId,
      limit: 10,
      afterPlacedAt: page.nextPlacedAt,
    });
    expect(rest.orders.map(order => order.id)).toEqual(['expires-next']);
    expect(rest.nextPlacedAt).toBeUndefined();
    expect(last?.id).toBe('recent');
    expect(activity.totalCount).toBe(2);
    expect(expired).toBeUndefined();
    expect(kept?.id).toBe('expires-next');
  });

  it('reads items of other writers: integer times, enum names, no optional fields', async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = Math.floor(NOW) - 3600;
    await table.put({
      id: 'legacy-order-7',
      workflow_id: workflowId,
      workflow_name: 'Legacy Engine',
      placed_at: placedAt,
      order_code: 'DAX.I',
      order_price: 18000,
      order_quantity: 2,
      order_direction: 'Sell',
      order_type: 'open_stop',
      ttl: placedAt + ORDER_RETENTION_SECONDS,
    });

    // Act
    const page = await store.getHistory({ workflowId, limit: 20 });
    const order = await store.getOrder({ orderId: 'legacy-order-7' });

    // Assess
    expect(page.orders).toHaveLength(1);
    expect(order).toMatchObject({
      id: 'legacy-order-7',
      workflow_id: workflowId,
      placed_at: placedAt,
      order_direction: 'SELL',
      order_type: 'OPEN_STOP',
    });
    expect(order?.asset_type).toBeNull();
    expect(order?.trigger_close).toBeNull();
    expect(order?.execution_context).toBeNull();
  });

  it('shows an order with an unreadable field as unknown, and leaves out and does not count one without usable keys', async () => {
    // Prepare
    const workflowId = randomUUID();
    const { id: _id, ...withoutId } = orderItem({
      workflow_id: workflowId,
      placed_at: NOW - 5,
    });
    await table.putAll([
      orderItem({ workflow_id: workflowId, placed_at: NOW - 50, id: 'good' }),
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 10,
        id: 'bad-price',
        order_price: -1,
      }),
      withoutId,
    ]);

    // Act
    const page = await store.getHistory({ workflowId, limit: 20 });
    const [last] = await store.getLastOrders({ workflowIds: [workflowId] });
    const activity = await store.getActivity({ workflowId, days: 7 });

    // Assess
    expect(page.orders.map(order => [order.id, order.order_price])).toEqual([
      ['bad-price', null],
      ['good', 7850.25],
    ]);
    expect(page.totalCount).toBe(2);
    expect(activity.totalCount).toBe(2);
    expect(last?.id).toBe('bad-price');
    expect(activity.lastOrder?.id).toBe('bad-price');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('id: is required'),
      expect.objectContaining({ workflowId }),
    );
  });

  it('never counts or lists a latest-order item as an order', async () => {
    // Prepare
    const workflowId = randomUUID();
    await table.record([
      orderItem({ workflow_id: workflowId, placed_at: NOW - 20, id: 'only' }),
    ]);

    // Act
    const page = await store.getHistory({ workflowId, limit: 20 });
    const activity = await store.getActivity({ workflowId, days: 7 });

    // Assess
    expect(page.orders.map(order => order.id)).toEqual(['only']);
    expect(page.totalCount).toBe(1);
    expect(activity.totalCount).toBe(1);
    expect(activity.lastOrder?.id).toBe('only');
  });

  it('counts the orders of each of the last 7 UTC days, today last', async () => {
    // Prepare
    const workflowId = randomUUID();
    const day = 86_400;
    const today = Math.floor(NOW / day) * day;
    await table.putAll([
      orderItem({ workflow_id: workflowId, placed_at: today + 1 }),
      orderItem({ workflow_id: workflowId, placed_at: today + 2 }),
      orderItem({ workflow_id: workflowId, placed_at: today - 1 }),
      orderItem({ workflow_id: workflowId, placed_at: today - 6 * day }),
      orderItem({
        workflow_id: workflowId,
        placed_at: Math.max(OLDEST, today - 7 * day) + 1,
      }),
    ]);

    // Act
    const activity = await store.getActivity({ workflowId, days: 7 });

    // Assess
    expect(activity.totalCount).toBe(5);
    expect(activity.dailyCounts.map(entry => entry.count)).toEqual([
      1, 0, 0, 0, 0, 1, 2,
    ]);
    expect(activity.dailyCounts[6].date).toBe(
      new Date(NOW_MS).toISOString().slice(0, 10),
    );
    expect(activity.lastOrder?.placed_at).toBe(today + 2);
  });

  it('counts every order of a window longer than its first read, and finds the newest', async () => {
    // Prepare: 250 orders, 40 minutes apart, the newest with a known id
    const workflowId = randomUUID();
    const placedAts = Array.from(
      { length: 250 },
      (_, n) => NOW - 60 - n * 2400,
    );
    await table.putAll(
      placedAts.map((placed_at, n) =>
        orderItem({
          workflow_id: workflowId,
          placed_at,
          ...(n === 0 ? { id: 'newest-of-250' } : {}),
        }),
      ),
    );
    const firstDay = Math.floor(NOW / 86_400) * 86_400 - 6 * 86_400;

    // Act
    const activity = await store.getActivity({ workflowId, days: 7 });

    // Assess
    expect(activity.totalCount).toBe(250);
    expect(
      activity.dailyCounts.reduce((sum, entry) => sum + entry.count, 0),
    ).toBe(placedAts.filter(placedAt => placedAt >= firstDay).length);
    expect(activity.lastOrder?.id).toBe('newest-of-250');
  });

  it('reads the orders placed after a time, newest first, and says when more were left', async () => {
    // Prepare
    const workflowId = randomUUID();
    await table.putAll(
      [NOW - 40, NOW - 30, NOW - 20, NOW - 10].map((placed_at, n) =>
        orderItem({ workflow_id: workflowId, placed_at, id: `after-${n}` }),
      ),
    );

    // Act
    const all = await store.getOrdersAfter({
      workflowId,
      after: NOW - 30,
      limit: 5,
    });
    const some = await store.getOrdersAfter({
      workflowId,
      after: NOW - 50,
      limit: 2,
    });

    // Assess
    expect(all).toEqual({
      orders: [
        expect.objectContaining({ id: 'after-3' }),
        expect.objectContaining({ id: 'after-2' }),
      ],
      more: false,
    });
    expect(some.orders.map(order => order.id)).toEqual(['after-3', 'after-2']);
    expect(some.more).toBe(true);
  });

  it('finds the order the quickstart inserts with the AWS CLI', async () => {
    // Prepare
    const placedAt = Math.floor(Date.now() / 1000);
    const item = quickstartItem({
      workflowId: QUICKSTART_WORKFLOW,
      placedAt: placedAt,
    });
    await awsCliPutItem({
      endpoint: dynamo.endpoint,
      tableName: dynamo.tableName,
      item,
    });

    // Act
    const page = await store.getHistory({
      workflowId: QUICKSTART_WORKFLOW,
      limit: 20,
    });
    const order = await store.getOrder({ orderId: 'test-order-001' });

    // Assess
    expect(page.orders.map(o => o.id)).toEqual(['test-order-001']);
    expect(order).toMatchObject({
      id: 'test-order-001',
      workflow_id: QUICKSTART_WORKFLOW,
      workflow_name: 'Test Workflow',
      placed_at: placedAt,
      order_price: 7850.25,
      order_quantity: 10,
      order_direction: 'BUY',
      order_type: 'LIMIT',
    });
  });

  it('reports an unreachable DynamoDB as unavailable, not as no orders', async () => {
    // Prepare
    const closed = await dynamo.startFaultProxy();
    const { endpoint } = closed;
    await closed.close();
    const offline = await DynamoDbOrderStore.create({
      config: storeConfig(endpoint, dynamo.tableName),
      logger,
    });

    // Act
    const error = await offline
      .getHistory({ workflowId: randomUUID(), limit: 20 })
      .catch(e => e);
    const health = await offline.checkHealth();
    offline.destroy();

    // Assess
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /^DynamoDB did not answer \(while reading the orders of workflow .*\); try again shortly$/,
    );
    // The SDK's own words stay in the cause, for the log, not in what a client reads.
    expect(error.message).not.toContain(endpoint);
    expect(error.cause).toBeInstanceOf(Error);
    expect(health).toMatchObject({ reachable: false, table: dynamo.tableName });
  });

  it('reports throttling as unavailable, with a message that says so', async () => {
    // Prepare
    const proxy = await dynamo.startFaultProxy(faultEveryRequest('throttle'));
    const throttled = await DynamoDbOrderStore.create({
      config: storeConfig(proxy.endpoint, dynamo.tableName),
      logger,
    });

    // Act
    const lookup = throttled.getLastOrders({ workflowIds: [randomUUID()] });

    // Assess
    await expect(lookup).rejects.toThrow(/DynamoDB is throttling requests/);
    throttled.destroy();
  });
});
