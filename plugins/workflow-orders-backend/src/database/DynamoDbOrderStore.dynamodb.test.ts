import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  startEmbeddedDynamoDb,
  awsCliPutItem,
  quickstartItem,
  startFaultProxy,
  type EmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  OrderTable,
  orderItem,
  seconds,
  storeConfig,
} from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(60_000);

// An hour ahead of the wall clock: items just outside the store's window are still held by DynamoDB
// (even by DynamoDB Local, which runs TTL), so only the key condition can leave them out.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = seconds(NOW_MS);
const OLDEST = NOW - ORDER_RETENTION_SECONDS;

const QUICKSTART_WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';

describe('DynamoDbOrderStore', () => {
  let db: EmbeddedDynamoDb;
  let table: OrderTable;
  let store: DynamoDbOrderStore;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb({ tableName: 'orders_store_test' });
    table = new OrderTable(db.createClient(), db.tableName);
    store = await DynamoDbOrderStore.create({
      config: storeConfig(db.endpoint, db.tableName),
      logger,
      now: () => NOW_MS,
    });
  });

  afterAll(async () => {
    store?.destroy();
    table?.documents.destroy();
    await db?.stop();
  });

  it('walks 700 orders page by page, each exactly once, newest first', async () => {
    // Prepare
    const workflowId = randomUUID();
    const items = Array.from({ length: 700 }, (_, index) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 1 - index * 731.25,
      }),
    );
    await table.putAll(items);

    // Act
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: number | undefined;
    let pages = 0;
    do {
      const page = await store.getHistory({
        workflowId,
        limit: 45,
        afterPlacedAt: after,
      });
      seen.push(...page.orders.map(order => order.id));
      totals.add(page.totalCount);
      after = page.nextPlacedAt;
      pages += 1;
    } while (after !== undefined);

    // Assess
    expect(seen).toEqual(items.map(item => item.id));
    expect(new Set(seen).size).toBe(700);
    expect(pages).toBe(Math.ceil(700 / 45));
    expect([...totals]).toEqual([700]);
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

  it('keeps orders placed in the same second apart and in order', async () => {
    // Prepare
    const workflowId = randomUUID();
    const second = Math.floor(NOW) - 120;
    const times = [second, second + 0.1, second + 0.25, second + 0.999];
    await table.putAll(
      times.map(placed_at => orderItem({ workflow_id: workflowId, placed_at })),
    );

    // Act
    const placed: number[] = [];
    let after: number | undefined;
    do {
      const page = await store.getHistory({
        workflowId,
        limit: 1,
        afterPlacedAt: after,
      });
      placed.push(...page.orders.map(order => order.placed_at));
      after = page.nextPlacedAt;
    } while (after !== undefined);

    // Assess
    expect(placed).toEqual([...times].reverse());
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

  it('gives the last order of each workflow in the order asked, undefined for none', async () => {
    // Prepare
    const busy = randomUUID();
    const idle = randomUUID();
    await table.putAll([
      orderItem({ workflow_id: busy, placed_at: NOW - 500, id: 'older' }),
      orderItem({ workflow_id: busy, placed_at: NOW - 5, id: 'newest' }),
    ]);

    // Act
    const last = await store.getLastOrders({
      workflowIds: [idle, busy, idle, busy],
    });

    // Assess
    expect(last.map(order => order?.id)).toEqual([
      undefined,
      'newest',
      undefined,
      'newest',
    ]);
  });

  it("reads recorded workflows' last orders from their latest-order items, a hundred per request", async () => {
    // Prepare: 150 workflows as the recorder leaves them, one written by another writer only, one idle
    const proxy = await startFaultProxy({ target: db.endpoint });
    const counted = await DynamoDbOrderStore.create({
      config: storeConfig(proxy.endpoint, db.tableName),
      logger,
      now: () => NOW_MS,
    });
    const recorded = Array.from({ length: 150 }, () => randomUUID());
    await table.record(
      recorded.flatMap((workflow_id, index) => [
        orderItem({
          workflow_id,
          placed_at: NOW - 900 - index,
          id: `old-${index}`,
        }),
        orderItem({
          workflow_id,
          placed_at: NOW - 60 - index,
          id: `new-${index}`,
        }),
      ]),
    );
    const otherWriter = randomUUID();
    await table.put(
      orderItem({ workflow_id: otherWriter, placed_at: NOW - 30, id: 'cli' }),
    );
    const idle = randomUUID();

    // Act
    const last = await counted.getLastOrders({
      workflowIds: [otherWriter, ...recorded, idle],
    });

    // Assess
    expect(last.map(order => order?.id)).toEqual([
      'cli',
      ...recorded.map((_, index) => `new-${index}`),
      undefined,
    ]);
    expect(last[1]).toMatchObject({
      workflow_id: recorded[0],
      placed_at: NOW - 60,
      order_direction: 'BUY',
      order_quantity: 10,
    });
    expect(proxy.stats().operations).toEqual({ BatchGetItem: 2, Query: 2 });
    counted.destroy();
    await proxy.close();
  });

  it('reads no order from a latest-order item past the window, and queries past a malformed one', async () => {
    // Prepare
    const expired = randomUUID();
    await table.record([
      orderItem({ workflow_id: expired, placed_at: OLDEST - 1, id: 'expired' }),
    ]);
    const malformed = randomUUID();
    await table.put(
      orderItem({ workflow_id: malformed, placed_at: NOW - 5, id: 'real' }),
    );
    await table.put({
      workflow_id: malformed,
      placed_at: 0,
      last_placed_at: NOW - 1,
      last_order: { workflow_id: malformed, placed_at: NOW - 1 },
    });

    // Act
    const last = await store.getLastOrders({
      workflowIds: [expired, malformed],
    });

    // Assess
    expect(last.map(order => order?.id)).toEqual([undefined, 'real']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('cannot be shown: id: is required'),
      expect.objectContaining({ workflowId: malformed }),
    );
  });

  it('takes a workflow found without orders to have none for a while, but shows recorded orders at once', async () => {
    // Prepare
    const proxy = await startFaultProxy({ target: db.endpoint });
    let nowMs = NOW_MS;
    const cached = await DynamoDbOrderStore.create({
      config: storeConfig(proxy.endpoint, db.tableName, {
        summaries: { noOrderCacheSeconds: 300 },
      }),
      logger,
      now: () => nowMs,
    });
    const viaCli = randomUUID();
    const viaRecorder = randomUUID();
    const lastIds = async () =>
      (await cached.getLastOrders({ workflowIds: [viaCli, viaRecorder] })).map(
        order => order?.id,
      );

    // Act
    const before = await lastIds();
    await table.put(
      orderItem({ workflow_id: viaCli, placed_at: NOW - 10, id: 'cli' }),
    );
    await table.record([
      orderItem({ workflow_id: viaRecorder, placed_at: NOW - 5, id: 'engine' }),
    ]);
    const within = await lastIds();
    const queriesWithin = proxy.stats().operations.Query;
    nowMs += 301_000;
    const after = await lastIds();

    // Assess
    expect(before).toEqual([undefined, undefined]);
    expect(within).toEqual([undefined, 'engine']);
    expect(queriesWithin).toBe(2);
    expect(after).toEqual(['cli', 'engine']);
    expect(proxy.stats().operations).toEqual({ BatchGetItem: 3, Query: 3 });
    cached.destroy();
    await proxy.close();
  });

  it('queries a workflow without a latest-order item every time when noOrderCacheSeconds is 0', async () => {
    // Prepare
    const uncached = await DynamoDbOrderStore.create({
      config: storeConfig(db.endpoint, db.tableName, {
        summaries: { noOrderCacheSeconds: 0 },
      }),
      logger,
      now: () => NOW_MS,
    });
    const workflowId = randomUUID();
    const before = await uncached.getLastOrders({ workflowIds: [workflowId] });

    // Act
    await table.put(
      orderItem({ workflow_id: workflowId, placed_at: NOW - 10, id: 'cli' }),
    );
    const after = await uncached.getLastOrders({ workflowIds: [workflowId] });

    // Assess
    expect(before).toEqual([undefined]);
    expect(after.map(order => order?.id)).toEqual(['cli']);
    uncached.destroy();
  });

  it('refuses a negative noOrderCacheSeconds, naming the setting', async () => {
    await expect(
      DynamoDbOrderStore.create({
        config: storeConfig(db.endpoint, db.tableName, {
          summaries: { noOrderCacheSeconds: -1 },
        }),
        logger,
      }),
    ).rejects.toThrow(
      'workflowOrders.summaries.noOrderCacheSeconds must be 0 or more, got -1',
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

  it('finds the order the quickstart inserts with the AWS CLI', async () => {
    // Prepare
    const placedAt = Math.floor(Date.now() / 1000);
    const item = quickstartItem({
      workflowId: QUICKSTART_WORKFLOW,
      placedAt: placedAt,
    });
    await awsCliPutItem({
      endpoint: db.endpoint,
      tableName: db.tableName,
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
    const closed = await startFaultProxy({ target: db.endpoint });
    const endpoint = closed.endpoint;
    await closed.close();
    const offline = await DynamoDbOrderStore.create({
      config: storeConfig(endpoint, db.tableName),
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
    expect(health).toMatchObject({ reachable: false, table: db.tableName });
  });

  it('reports throttling as unavailable, with a message that says so', async () => {
    // Prepare
    const proxy = await startFaultProxy({
      target: db.endpoint,
      failureRate: 1,
      faults: ['throttle'],
      faultTiming: 'before',
    });
    const throttled = await DynamoDbOrderStore.create({
      config: storeConfig(proxy.endpoint, db.tableName),
      logger,
    });

    // Act
    const lookup = throttled.getLastOrders({ workflowIds: [randomUUID()] });

    // Assess
    await expect(lookup).rejects.toThrow(/DynamoDB is throttling requests/);
    throttled.destroy();
    await proxy.close();
  });
});
