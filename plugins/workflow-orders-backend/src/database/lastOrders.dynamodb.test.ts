import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { countedStoreOn } from '../__testUtils__/countedStores';
import { OrderTable, orderItem } from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(120_000);

// An hour ahead of the wall clock: latest orders just outside the window are still stored (even by
// DynamoDB Local, which runs TTL), as they are while DynamoDB's TTL deletion lags.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;
const OLDEST = NOW - ORDER_RETENTION_SECONDS;
const COMPLETE = { latestOrderItems: 'complete' };

describe('DynamoDbOrderStore.getLastOrders', () => {
  const dynamo = useTestTable({ tableName: 'orders_last_orders' });
  let table: OrderTable;

  beforeAll(async () => {
    table = new OrderTable(dynamo.client, dynamo.tableName);
    // Many other workflows have latest orders, more than the store counts in the index, so every
    // list here names few of them and is read by key.
    await table.recordQuickly(
      Array.from({ length: 1001 }, (_, index) =>
        orderItem({ workflow_id: randomUUID(), placed_at: NOW - 3600 - index }),
      ),
    );
  });

  /** A store with these `summaries` settings, counting its requests ({@link countedStoreOn}). */
  const countedStore = (summaries: object = {}, now = () => NOW_MS) =>
    countedStoreOn(dynamo, { summaries, now });
  /** An order of `viaCli` put around the recorder, as the AWS CLI would, and one of `viaRecorder` recorded. */
  const writeAroundAndThroughRecorder = async (
    viaCli: string,
    viaRecorder: string,
  ) => {
    await table.put(
      orderItem({ workflow_id: viaCli, placed_at: NOW - 10, id: 'cli' }),
    );
    await table.record([
      orderItem({ workflow_id: viaRecorder, placed_at: NOW - 5, id: 'engine' }),
    ]);
  };
  /** A workflow whose only order, recorded, is past the window. */
  const expiredWorkflow = async () => {
    const workflowId = randomUUID();
    await table.record([
      orderItem({
        workflow_id: workflowId,
        placed_at: OLDEST - 1,
        id: 'expired',
      }),
    ]);
    return workflowId;
  };
  /** A workflow with an order, `real`, whose latest-order item holds `lastOrder` instead. */
  const workflowWithLatestOrder = async (
    lastOrder: (workflowId: string) => object,
  ) => {
    const workflowId = randomUUID();
    await table.put(
      orderItem({ workflow_id: workflowId, placed_at: NOW - 5, id: 'real' }),
    );
    await table.put({
      workflow_id: workflowId,
      placed_at: 0,
      last_placed_at: NOW - 1,
      last_order: lastOrder(workflowId),
    });
    return workflowId;
  };
  const lastIds = async (store: DynamoDbOrderStore, workflowIds: string[]) =>
    (await store.getLastOrders({ workflowIds })).map(order => order?.id);

  it('gives the last order of each workflow in the order asked, undefined for none', async () => {
    // Prepare
    const busy = randomUUID();
    const idle = randomUUID();
    await table.putAll([
      orderItem({ workflow_id: busy, placed_at: NOW - 500, id: 'older' }),
      orderItem({ workflow_id: busy, placed_at: NOW - 5, id: 'newest' }),
    ]);

    const { store } = await countedStore();

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
    const { store, requests } = await countedStore();
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
    const last = await store.getLastOrders({
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
    expect(requests()).toEqual({ BatchGetItem: 2, Query: 2 });
  });

  it('reads no order from a latest-order item past the window, and queries past a malformed one', async () => {
    // Prepare
    const expired = await expiredWorkflow();
    const malformed = await workflowWithLatestOrder(workflowId => ({
      workflow_id: workflowId,
      placed_at: NOW - 1,
    }));
    const { store, logger } = await countedStore();

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
    let nowMs = NOW_MS;
    const { store, requests } = await countedStore(
      { noOrderCacheSeconds: 300 },
      () => nowMs,
    );
    const viaCli = randomUUID();
    const viaRecorder = randomUUID();
    const ids = () => lastIds(store, [viaCli, viaRecorder]);

    // Act
    const before = await ids();
    await writeAroundAndThroughRecorder(viaCli, viaRecorder);
    const within = await ids();
    const queriesWithin = requests().Query;
    nowMs += 301_000;
    const after = await ids();

    // Assess
    expect(before).toEqual([undefined, undefined]);
    expect(within).toEqual([undefined, 'engine']);
    expect(queriesWithin).toBe(2);
    expect(after).toEqual(['cli', 'engine']);
    expect(requests()).toEqual({ BatchGetItem: 3, Query: 3 });
  });

  it('queries a workflow without a latest-order item every time when noOrderCacheSeconds is 0', async () => {
    // Prepare
    const { store: uncached } = await countedStore({ noOrderCacheSeconds: 0 });
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
  });

  it('refuses a negative noOrderCacheSeconds, naming the setting', async () => {
    await expect(countedStore({ noOrderCacheSeconds: -1 })).rejects.toThrow(
      'workflowOrders.summaries.noOrderCacheSeconds must be 0 or more, got -1',
    );
  });

  describe('with summaries.latestOrderItems: complete', () => {
    it('shows no last order for a workflow whose orders have no latest-order item, which the default still finds', async () => {
      // Prepare
      const [viaCli, viaRecorder] = [randomUUID(), randomUUID()];
      await writeAroundAndThroughRecorder(viaCli, viaRecorder);
      const { store: complete } = await countedStore(COMPLETE);
      const { store: partial } = await countedStore({ noOrderCacheSeconds: 0 });

      // Act
      const completeIds = await lastIds(complete, [viaCli, viaRecorder]);
      const partialIds = await lastIds(partial, [viaCli, viaRecorder]);

      // Assess
      expect(completeIds).toEqual([undefined, 'engine']);
      expect(partialIds).toEqual(['cli', 'engine']);
    });

    it("shows no last order for a latest-order item past the window or holding another workflow's order, without querying", async () => {
      // Prepare
      const expired = await expiredWorkflow();
      const misfiled = await workflowWithLatestOrder(() =>
        orderItem({
          workflow_id: randomUUID(),
          placed_at: NOW - 1,
          id: 'of-another-workflow',
        }),
      );
      const { store: complete, requests } = await countedStore(COMPLETE);

      // Act
      const ids = await lastIds(complete, [expired, misfiled]);

      // Assess
      expect(ids).toEqual([undefined, undefined]);
      expect(requests()).toEqual({ BatchGetItem: 1 });
    });

    it('reads the last orders of 500 workflows with 5 BatchGetItem requests and no query, every time', async () => {
      // Prepare: 500 workflows, a quarter never traded and a quarter written around the recorder only
      const { store, requests } = await countedStore({
        ...COMPLETE,
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

      const byDefaultStore = await countedStore();

      // Act
      const first = await lastIds(store, workflowIds);
      const afterFirst = requests();
      const again = await lastIds(store, workflowIds);
      const byDefault = await lastIds(byDefaultStore.store, workflowIds);

      // Assess
      expect(first).toEqual(expected);
      expect(again).toEqual(expected);
      expect(afterFirst).toEqual({ BatchGetItem: 5 });
      expect(requests()).toEqual({ BatchGetItem: 10 });
      // The default queries each of the 250 without a latest-order item, and so finds the other
      // writer's orders.
      expect(byDefaultStore.requests()).toEqual({
        BatchGetItem: 5,
        Query: 250,
      });
      expect(byDefault.filter(id => id !== undefined)).toHaveLength(375);
    });
  });
});
