import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import { faultEveryRequest, useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { countedStoreOn, until } from '../__testUtils__/countedStores';
import { OrderTable, orderItem, storeConfig } from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(120_000);

// An hour ahead of the wall clock: latest orders just outside the window are still stored (even by
// DynamoDB Local, which runs TTL), as they are while DynamoDB's TTL deletion lags.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;
const OLDEST = NOW - ORDER_RETENTION_SECONDS;
const HOUR_MS = 60 * 60 * 1000;

describe('DynamoDbOrderStore.getLastOrders from the latest-orders-index', () => {
  const dynamo = useTestTable({
    tableName: 'orders_last_orders_index',
    scope: 'test',
  });
  let table: OrderTable;

  beforeEach(() => {
    table = new OrderTable(dynamo.client, dynamo.tableName);
  });

  const countedStore = (summaries: object = {}, now = () => NOW_MS) =>
    countedStoreOn(dynamo, { summaries, now });
  const lastIds = async (store: DynamoDbOrderStore, workflowIds: string[]) =>
    (await store.getLastOrders({ workflowIds })).map(order => order?.id);
  /** `count` workflows, each with two orders recorded; the newest of workflow i is `<prefix>-i`. */
  const recordedWorkflows = async (count: number, prefix = 'new') => {
    const workflowIds = Array.from({ length: count }, () => randomUUID());
    await table.record(
      workflowIds.flatMap((workflow_id, index) => [
        orderItem({ workflow_id, placed_at: NOW - 900 - index }),
        orderItem({
          workflow_id,
          placed_at: NOW - 60 - index,
          id: `${prefix}-${index}`,
        }),
      ]),
    );
    return workflowIds;
  };

  /**
   * Ten workflows to list, nine rows in the index's window: six recorded, one recorded past the
   * window, one whose indexed latest-order item is malformed (its order in the partition is `real`),
   * one written around the recorder only, one idle; and two recorded workflows not listed.
   */
  const listedAndOthers = async () => {
    const recorded = await recordedWorkflows(6);
    const expired = randomUUID();
    await table.record([
      orderItem({ workflow_id: expired, placed_at: OLDEST - 1, id: 'gone' }),
    ]);
    const malformed = randomUUID();
    await table.put(
      orderItem({ workflow_id: malformed, placed_at: NOW - 5, id: 'real' }),
    );
    await table.put({
      workflow_id: malformed,
      placed_at: 0,
      latest_orders_shard: 'latest',
      last_placed_at: NOW - 5,
      last_order: { workflow_id: malformed, placed_at: NOW - 5 },
    });
    const viaCli = randomUUID();
    await table.put(
      orderItem({ workflow_id: viaCli, placed_at: NOW - 10, id: 'cli' }),
    );
    await recordedWorkflows(2, 'unlisted');
    return {
      listed: [...recorded, expired, malformed, viaCli, randomUUID()],
      recorded: recorded.map((_, index) => `new-${index}`),
      malformed,
    };
  };

  it('reads the latest orders of a list naming most workflows with one Query of the index, answering as reads by key do', async () => {
    // Prepare
    const { listed, recorded, malformed } = await listedAndOthers();
    const { store, logger, requests } = await countedStore();
    const byKey = await countedStore({ noOrderCacheSeconds: 0 });

    // Act
    const fromIndex = await store.getLastOrders({ workflowIds: listed });
    const again = await lastIds(store, listed);
    // One workflow a request: each names few of the index's rows, so it is read by key.
    const eachByKey = [];
    for (const workflowId of listed) {
      eachByKey.push(
        ...(await byKey.store.getLastOrders({ workflowIds: [workflowId] })),
      );
    }

    // Assess
    expect(fromIndex.map(order => order?.id)).toEqual([
      ...recorded,
      undefined,
      'real',
      'cli',
      undefined,
    ]);
    expect(fromIndex).toEqual(eachByKey);
    expect(fromIndex[0]).toMatchObject({
      workflow_id: listed[0],
      placed_at: NOW - 60,
      order_direction: 'BUY',
    });
    expect(again).toEqual(fromIndex.map(order => order?.id));
    expect(byKey.requests()).toEqual({ BatchGetItem: 10, Query: 3 });
    // The index once a request; the first queries the four without a usable row (past the window,
    // malformed, around the recorder, idle), the second the two of them that had orders.
    expect(requests()).toEqual({ Query: 2 + 4 + 2 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('cannot be shown: id: is required'),
      expect.objectContaining({ workflowId: malformed }),
    );
  });

  it('with summaries.latestOrderItems: complete, reads them with one Query of the index and nothing else', async () => {
    // Prepare
    const { listed, recorded } = await listedAndOthers();
    const { store, requests } = await countedStore({
      latestOrderItems: 'complete',
    });

    // Act
    const ids = await lastIds(store, listed);

    // Assess
    expect(ids).toEqual([...recorded, ...Array(4).fill(undefined)]);
    expect(requests()).toEqual({ Query: 1 });
  });

  it('reads a list naming few of many workflows by key', async () => {
    // Prepare
    const workflowIds = await recordedWorkflows(20);
    const { store, requests } = await countedStore();

    // Act
    const ids = await lastIds(store, workflowIds.slice(0, 9));

    // Assess
    expect(ids).toEqual(
      Array.from({ length: 9 }, (_, index) => `new-${index}`),
    );
    expect(requests()).toEqual({ BatchGetItem: 1 });
  });

  it('learns the rows of the index from each read of it whole, and counts it again after an hour', async () => {
    // Prepare: four workflows in the index when the store counts it
    const listed = await recordedWorkflows(4);
    let nowMs = NOW_MS;
    const { store, logger, requests } = await countedStore({}, () => nowMs);
    const list = () => lastIds(store, listed);

    // Act
    await list(); // names all four rows: the index
    const others = await recordedWorkflows(20, 'other');
    await list(); // names all four it knew of: the index again, which holds 24 now
    const afterGrowing = requests();
    await list(); // names 4 of 24: by key
    for (const workflowId of others) {
      await dynamo.documents.send(
        new DeleteCommand({
          TableName: dynamo.tableName,
          Key: { workflow_id: workflowId, placed_at: 0 },
        }),
      );
    }
    await list(); // still 24 until counted again: by key
    nowMs += HOUR_MS;
    await list(); // by key, while the index is counted again
    await until(() => logger.debug.mock.calls.length === 2);
    const ids = await list(); // names all four: the index

    // Assess
    expect(afterGrowing).toEqual({ Query: 2 });
    expect(ids).toEqual(['new-0', 'new-1', 'new-2', 'new-3']);
    expect(logger.debug).toHaveBeenLastCalledWith(
      expect.stringContaining(': 4 rows in the window'),
    );
    // Three reads of the index, one count, three lists by key.
    expect(requests()).toEqual({ Query: 4, BatchGetItem: 3 });
  });

  it('reports a throttled read of the index as unavailable', async () => {
    // Prepare
    const listed = await recordedWorkflows(4);
    const { store, proxy } = await countedStore();
    proxy.set(faultEveryRequest('throttle'));

    // Act
    const error = await store
      .getLastOrders({ workflowIds: listed })
      .catch(e => e);

    // Assess
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/DynamoDB is throttling requests/);
  });

  it('starts when the index cannot be counted, and reads by key until it is', async () => {
    // Prepare: a store made while DynamoDB throttles every request
    const listed = await recordedWorkflows(4);
    const proxy = await dynamo.startFaultProxy(faultEveryRequest('throttle'));
    const logger = mockServices.logger.mock();
    let nowMs = NOW_MS;
    const store = await DynamoDbOrderStore.create({
      config: storeConfig(proxy.endpoint, dynamo.tableName),
      logger,
      now: () => nowMs,
    });
    dynamo.onCleanup(() => store.destroy());
    await until(() => logger.warn.mock.calls.length > 0);
    proxy.set({ failureRate: 0 });
    const before = proxy.stats().operations;
    const since = (operation: string) =>
      proxy.stats().operations[operation] - (before[operation] ?? 0);

    // Act
    const byKey = await lastIds(store, listed);
    nowMs += 60_000; // a minute later the count is made again
    await lastIds(store, listed);
    await until(() => logger.debug.mock.calls.length > 0);
    const fromIndex = await lastIds(store, listed);

    // Assess
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not count the latest-orders-index of table orders_last_orders_index',
      ),
    );
    expect(byKey).toEqual(['new-0', 'new-1', 'new-2', 'new-3']);
    expect(fromIndex).toEqual(byKey);
    expect(since('BatchGetItem')).toBe(2);
    expect(since('Query')).toBe(2); // the count and one read of the index
  });
});
