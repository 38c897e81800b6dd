import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  startEmbeddedDynamoDb,
  startFaultProxy,
  type EmbeddedDynamoDb,
  type FaultProxy,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  OrderTable,
  orderItem,
  seconds,
  storeConfig,
} from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(120_000);

// An hour ahead of the wall clock, so an item just outside the store's window is still in the table.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = seconds(NOW_MS);
const OLDEST = NOW - ORDER_RETENTION_SECONDS;

describe('DynamoDbOrderStore with summaries.latestOrderItems: complete', () => {
  let db: EmbeddedDynamoDb;
  let table: OrderTable;
  let proxy: FaultProxy;
  let complete: DynamoDbOrderStore;
  let partial: DynamoDbOrderStore;
  const logger = mockServices.logger.mock();

  // Requests get a long timeout, so a busy machine cannot add retries to the requests counted.
  const storeWith = (endpoint: string, summaries: object) =>
    DynamoDbOrderStore.create({
      config: ConfigReader.fromConfigs([
        {
          context: 'tests',
          data: storeConfig(endpoint, db.tableName, { summaries }).get(),
        },
        {
          context: 'counted',
          data: { workflowOrders: { dynamodb: { requestTimeoutMs: 30_000 } } },
        },
      ]),
      logger,
      now: () => NOW_MS,
    });
  const lastIds = async (store: DynamoDbOrderStore, workflowIds: string[]) =>
    (await store.getLastOrders({ workflowIds })).map(order => order?.id);

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb({ tableName: 'orders_complete_test' });
    table = new OrderTable(db.createClient(), db.tableName);
    proxy = await startFaultProxy({ target: db.endpoint });
    complete = await storeWith(proxy.endpoint, {
      latestOrderItems: 'complete',
    });
    partial = await storeWith(db.endpoint, { noOrderCacheSeconds: 0 });
  });

  afterAll(async () => {
    complete?.destroy();
    partial?.destroy();
    table?.documents.destroy();
    await proxy?.close();
    await db?.stop();
  });

  it('shows no last order for a workflow whose orders have no latest-order item, which the default still finds', async () => {
    // Prepare: an order put around the recorder, as the AWS CLI would
    const viaCli = randomUUID();
    await table.put(
      orderItem({ workflow_id: viaCli, placed_at: NOW - 30, id: 'cli' }),
    );
    const viaRecorder = randomUUID();
    await table.record([
      orderItem({
        workflow_id: viaRecorder,
        placed_at: NOW - 20,
        id: 'engine',
      }),
    ]);

    // Act
    const completeIds = await lastIds(complete, [viaCli, viaRecorder]);
    const partialIds = await lastIds(partial, [viaCli, viaRecorder]);

    // Assess
    expect(completeIds).toEqual([undefined, 'engine']);
    expect(partialIds).toEqual(['cli', 'engine']);
  });

  it("shows no last order for a latest-order item past the window or holding another workflow's order, without querying", async () => {
    // Prepare
    const expired = randomUUID();
    await table.record([
      orderItem({ workflow_id: expired, placed_at: OLDEST - 1, id: 'expired' }),
    ]);
    const misfiled = randomUUID();
    await table.put(
      orderItem({ workflow_id: misfiled, placed_at: NOW - 5, id: 'real' }),
    );
    await table.put({
      workflow_id: misfiled,
      placed_at: 0,
      last_placed_at: NOW - 1,
      last_order: orderItem({
        workflow_id: randomUUID(),
        placed_at: NOW - 1,
        id: 'of-another-workflow',
      }),
    });
    const before = proxy.stats().operations;

    // Act
    const ids = await lastIds(complete, [expired, misfiled]);

    // Assess
    expect(ids).toEqual([undefined, undefined]);
    expect(proxy.stats().operations).toEqual({
      ...before,
      BatchGetItem: (before.BatchGetItem ?? 0) + 1,
    });
  });

  it('reads the last orders of 500 workflows with 5 BatchGetItem requests and no query, every time', async () => {
    // Prepare: 500 workflows, a quarter never traded and a quarter written around the recorder only
    const counted = await startFaultProxy({ target: db.endpoint });
    const store = await storeWith(counted.endpoint, {
      latestOrderItems: 'complete',
      noOrderCacheSeconds: 300,
    });
    const workflowIds = Array.from({ length: 500 }, () => randomUUID());
    const recorded = workflowIds.filter((_, index) => index % 4 >= 2);
    await table.record(
      recorded.map((workflow_id, index) =>
        orderItem({
          workflow_id,
          placed_at: NOW - 60 - index,
          id: `r-${index}`,
        }),
      ),
    );
    await table.putAll(
      workflowIds
        .filter((_, index) => index % 4 === 1)
        .map(workflow_id => orderItem({ workflow_id, placed_at: NOW - 10 })),
    );
    const expected = workflowIds.map(id => {
      const index = recorded.indexOf(id);
      return index < 0 ? undefined : `r-${index}`;
    });

    const countedDefault = await startFaultProxy({ target: db.endpoint });
    const defaultStore = await storeWith(countedDefault.endpoint, {});

    // Act
    const first = await lastIds(store, workflowIds);
    const afterFirst = counted.stats().operations;
    const again = await lastIds(store, workflowIds);
    const byDefault = await lastIds(defaultStore, workflowIds);

    // Assess
    expect(first).toEqual(expected);
    expect(again).toEqual(expected);
    expect(afterFirst).toEqual({ BatchGetItem: 5 });
    expect(counted.stats().operations).toEqual({ BatchGetItem: 10 });
    // The default queries each of the 250 without a latest-order item, and so finds the other
    // writer's orders.
    expect(countedDefault.stats().operations).toEqual({
      BatchGetItem: 5,
      Query: 250,
    });
    expect(byDefault.filter(id => id !== undefined)).toHaveLength(375);
    store.destroy();
    defaultStore.destroy();
    await counted.close();
    await countedDefault.close();
  });
});
