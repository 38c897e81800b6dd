import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrderTable, orderItem, storeOn } from '../__testUtils__/orders';
import type { DynamoDbOrderStore } from './DynamoDbOrderStore';
import type { HistoryOptions } from './OrderStore';

jest.setTimeout(60_000);

const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;

describe('DynamoDbOrderStore.getHistory pages, sorted and filtered', () => {
  const dynamo = useTestTable({ tableName: 'orders_history_pages' });
  let table: OrderTable;
  let store: DynamoDbOrderStore;

  beforeAll(async () => {
    ({ store, table } = await storeOn(dynamo, { now: () => NOW_MS }));
  });

  /** Every page from the first: the orders listed, their ids, and each page's size and count. */
  const walk = async (options: Omit<HistoryOptions, 'afterPlacedAt'>) => {
    const orders: WorkflowOrderRecord[] = [];
    const sizes: number[] = [];
    const totals = new Set<number>();
    let after: number | undefined;
    do {
      const page = await store.getHistory({ ...options, afterPlacedAt: after });
      orders.push(...page.orders);
      sizes.push(page.orders.length);
      totals.add(page.totalCount);
      after = page.nextPlacedAt;
    } while (after !== undefined);
    const ids = orders.map(order => order.id);
    return { orders, ids, sizes, totals: [...totals] };
  };

  /** 90 orders newest first: directions as other writers store them too, codes in two cases. */
  const seed = async () => {
    const workflowId = randomUUID();
    const items = Array.from({ length: 90 }, (_, index) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 1 - index * 600,
        order_direction: ['BUY', 'SELL', 'Sell'][index % 3],
        order_code: ['DAX.I', 'dax.i', 'FRA40.I', 'Dax.I', 'NDX.I'][index % 5],
      }),
    );
    // Outside the window, and an item no one can show: neither is listed nor counted.
    items.push(
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - ORDER_RETENTION_SECONDS - 30,
        order_direction: 'SELL',
        order_code: 'DAX.I',
      }),
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 2,
        id: undefined,
        order_direction: 'SELL',
        order_code: 'DAX.I',
      }),
    );
    await table.putAll(items);
    return { workflowId, items: items.slice(0, 90) };
  };

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
    const { ids, sizes, totals } = await walk({ workflowId, limit: 45 });

    // Assess
    expect(ids).toEqual(items.map(item => item.id));
    expect(new Set(ids).size).toBe(700);
    expect(sizes).toHaveLength(Math.ceil(700 / 45));
    expect(totals).toEqual([700]);
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
    const { orders } = await walk({ workflowId, limit: 1 });

    // Assess
    expect(orders.map(order => order.placed_at)).toEqual([...times].reverse());
  });

  it('lists oldest first with sort=oldest, each order once, with the same count', async () => {
    // Prepare
    const { workflowId, items } = await seed();

    // Act
    const newest = await walk({ workflowId, limit: 25 });
    const oldest = await walk({ workflowId, limit: 25, sort: 'oldest' });

    // Assess
    expect(newest.ids).toEqual(items.map(item => item.id));
    expect(oldest.ids).toEqual(items.map(item => item.id).reverse());
    expect(oldest.sizes).toEqual([25, 25, 25, 15]);
    expect(oldest.totals).toEqual([90]);
  });

  it('counts and lists exactly the orders of a direction and code, in any stored case, in full pages', async () => {
    // Prepare
    const { workflowId, items } = await seed();
    const matching = items.filter(
      item =>
        String(item.order_direction).toUpperCase() === 'SELL' &&
        String(item.order_code).toUpperCase() === 'DAX.I',
    );

    // Act
    const newest = await walk({
      workflowId,
      limit: 4,
      direction: 'SELL',
      code: 'DAX.I',
    });
    const oldest = await walk({
      workflowId,
      limit: 4,
      sort: 'oldest',
      direction: 'SELL',
      code: 'DAX.I',
    });

    // Assess
    expect(matching).toHaveLength(36);
    expect(newest.ids).toEqual(matching.map(item => item.id));
    expect(newest.sizes).toEqual(Array(9).fill(4));
    expect(newest.totals).toEqual([36]);
    expect(oldest.ids).toEqual(matching.map(item => item.id).reverse());
    expect(oldest.totals).toEqual([36]);
  });

  it('filters by direction alone or code alone', async () => {
    // Prepare
    const { workflowId } = await seed();

    // Act
    const buys = await walk({ workflowId, limit: 100, direction: 'BUY' });
    const ndx = await walk({ workflowId, limit: 100, code: 'NDX.I' });

    // Assess
    expect(buys.totals).toEqual([30]);
    expect(buys.ids).toHaveLength(30);
    expect(ndx.totals).toEqual([18]);
    expect(ndx.ids).toHaveLength(18);
  });

  it('finds a matching order behind hundreds that do not match, on the first page', async () => {
    // Prepare
    const workflowId = randomUUID();
    const buys = Array.from({ length: 400 }, (_, index) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 1 - index,
        order_direction: 'BUY',
      }),
    );
    const sell = orderItem({
      workflow_id: workflowId,
      placed_at: NOW - 1000,
      order_direction: 'SELL',
    });
    await table.putAll([...buys, sell]);

    // Act
    const page = await store.getHistory({
      workflowId,
      limit: 20,
      direction: 'SELL',
    });

    // Assess
    expect(page.orders.map(order => order.id)).toEqual([sell.id]);
    expect(page.totalCount).toBe(1);
    expect(page.nextPlacedAt).toBeUndefined();
  });

  it('answers an empty page with the count when no order matches', async () => {
    // Prepare
    const { workflowId } = await seed();

    // Act
    const page = await store.getHistory({
      workflowId,
      limit: 20,
      code: 'SPX500',
    });

    // Assess
    expect(page).toEqual({
      orders: [],
      totalCount: 0,
      nextPlacedAt: undefined,
    });
  });
});
