import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrderTable, orderItem, storeOn } from '../__testUtils__/orders';
import type { DynamoDbOrderStore } from './DynamoDbOrderStore';
import { codeSpellings } from './orderFilterExpression';
import type { HistoryOptions } from './OrderStore';

jest.setTimeout(120_000);

const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;

/** What each writer stores for direction and code, as the writers' tests put them. */
const SPELLINGS = [
  // The recorder: the schema's canonical names, the code as the engine gave it.
  { order_direction: 'BUY', order_code: 'FRA40.I' },
  { order_direction: 'SELL', order_code: 'DAX.I' },
  // The original Python engine: the enums' names, codes in upper case.
  { order_direction: 'Sell', order_code: 'DAX.I' },
  { order_direction: 'Buy', order_code: 'FRA40.I' },
  // People with the AWS CLI, and codes in other cases.
  { order_direction: 'buy', order_code: 'dax.i' },
  { order_direction: 'sell', order_code: 'Dax.I' },
  { order_direction: 'SELL', order_code: 'fra40.i' },
  { order_direction: 'BUY', order_code: 'EURUSD' },
  { order_direction: 'Sell', order_code: 'eurusd' },
];

describe('DynamoDbOrderStore.getHistory counts what its pages list', () => {
  const dynamo = useTestTable({ tableName: 'orders_history_count' });
  let table: OrderTable;
  let store: DynamoDbOrderStore;

  beforeAll(async () => {
    ({ store, table } = await storeOn(dynamo, {
      now: () => NOW_MS,
      extra: { history: { countReadLimit: 60 } },
    }));
  });

  /** Every page from the first, each page given the count of the first as a cursor carries it. */
  const walk = async (options: Omit<HistoryOptions, 'afterPlacedAt'>) => {
    const ids: string[] = [];
    const first = await store.getHistory(options);
    ids.push(...first.orders.map(order => order.id));
    let after = first.nextPlacedAt;
    while (after !== undefined) {
      const page = await store.getHistory({
        ...options,
        afterPlacedAt: after,
        knownCount: {
          totalCount: first.totalCount,
          exact: first.totalCountExact !== false,
        },
      });
      ids.push(...page.orders.map(order => order.id));
      after = page.nextPlacedAt;
    }
    return { ids, first };
  };

  it('counts exactly what the pages list for every filter, with every writer’s spellings and items that cannot be shown', async () => {
    // Prepare
    const workflowId = randomUUID();
    const items = SPELLINGS.flatMap((spelling, index) =>
      [0, 1, 2].map(n =>
        orderItem({
          workflow_id: workflowId,
          placed_at: NOW - 1 - (index * 3 + n) * 60,
          ...spelling,
        }),
      ),
    );
    items.push(
      // Neither listed nor counted: no id, an id with a space, a direction no one can read.
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 5000,
        id: undefined,
      }),
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 5001,
        id: 'an id',
      }),
      // Listed with no direction and counted when unfiltered.
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - 5002,
        order_direction: 'HOLD',
        order_code: undefined,
      }),
      // Outside the window.
      orderItem({
        workflow_id: workflowId,
        placed_at: NOW - ORDER_RETENTION_SECONDS - 30,
      }),
    );
    await table.putAll(items);
    const filterSets: Array<Pick<HistoryOptions, 'direction' | 'code'>> = [
      {},
      { direction: 'BUY' },
      { direction: 'SELL' },
      { code: 'DAX.I' },
      { code: 'FRA40.I' },
      { code: 'EURUSD' },
      { direction: 'SELL', code: 'DAX.I' },
      { direction: 'BUY', code: 'EURUSD' },
    ];

    for (const filters of filterSets) {
      for (const sort of ['newest', 'oldest'] as const) {
        // Act
        const { ids, first } = await walk({
          workflowId,
          limit: 4,
          sort,
          ...filters,
        });

        // Assess
        const expected = items.filter(
          item =>
            typeof item.id === 'string' &&
            !String(item.id).includes(' ') &&
            Number(item.placed_at) >= NOW - ORDER_RETENTION_SECONDS &&
            (!filters.direction ||
              String(item.order_direction).toUpperCase() ===
                filters.direction) &&
            (!filters.code ||
              String(item.order_code).toUpperCase() === filters.code),
        );
        expect({ filters, sort, count: first.totalCount }).toEqual({
          filters,
          sort,
          count: ids.length,
        });
        expect(new Set(ids)).toEqual(new Set(expected.map(item => item.id)));
        expect(first.totalCountExact).toBeUndefined();
      }
    }
  });

  it('answers a lower bound, said to be one, past the count’s read limit; later pages read only the page and one more', async () => {
    // Prepare
    const workflowId = randomUUID();
    await table.putAll(
      Array.from({ length: 150 }, (_, n) =>
        orderItem({ workflow_id: workflowId, placed_at: NOW - 1 - n }),
      ),
    );

    // Act
    const first = await store.getHistory({ workflowId, limit: 20 });
    const later = await store.getHistory({
      workflowId,
      limit: 20,
      afterPlacedAt: first.nextPlacedAt,
      knownCount: { totalCount: first.totalCount, exact: false },
    });

    // Assess: of the 91 orders placed before the last minute 60 are read; the last minute's 59
    // are counted in full
    expect(first.totalCount).toBe(60 + 59);
    expect(first.totalCountExact).toBe(false);
    expect(first.orders).toHaveLength(20);
    expect(later).toMatchObject({ totalCount: 119, totalCountExact: false });
    expect(later.orders).toHaveLength(20);
    expect(later.orders[0].placed_at).toBeLessThan(first.orders[19].placed_at);
  });
});

describe('DynamoDbOrderStore.getHistory keeps a first page’s count from what changed', () => {
  const dynamo = useTestTable({
    tableName: 'orders_window_counts',
    faultProxy: true,
  });
  let table: OrderTable;
  let store: DynamoDbOrderStore;
  let nowMs = NOW_MS;
  const queries = () => dynamo.proxy.stats().operations.Query ?? 0;

  beforeAll(async () => {
    ({ store, table } = await storeOn(dynamo, {
      now: () => nowMs,
      endpoint: dynamo.proxy.endpoint,
    }));
  });

  it('counts new, late and expired orders, with and without filters', async () => {
    // Prepare: 40 orders, one at the very start of the window
    const workflowId = randomUUID();
    const placed = (at: number, n: number) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: at,
        order_direction: n % 2 ? 'SELL' : 'BUY',
      });
    await table.putAll([
      placed(NOW - ORDER_RETENTION_SECONDS + 10, 0),
      ...Array.from({ length: 39 }, (_, n) =>
        placed(NOW - 600 - n * 3600, n + 1),
      ),
    ]);
    const counts = async () => ({
      all: (await store.getHistory({ workflowId, limit: 5 })).totalCount,
      buy: (await store.getHistory({ workflowId, limit: 5, direction: 'BUY' }))
        .totalCount,
    });
    const before = await counts();

    // Act: 2 minutes later, two new orders, one stored 50 s after it was placed; the first expired
    nowMs = NOW_MS + 120_000;
    await table.putAll([placed(NOW + 100, 0), placed(NOW + 65, 1)]);
    const after = await counts();

    // Assess
    expect(before).toEqual({ all: 40, buy: 20 });
    expect(after).toEqual({ all: 41, buy: 20 });
  });

  it('counts a window that fits one page with that page alone, and counts again once it outgrows it', async () => {
    // Prepare: new orders are placed in the last minute
    nowMs = NOW_MS + 600_000;
    const now = nowMs / 1000;
    const workflowId = randomUUID();
    const placed = (at: number) =>
      orderItem({ workflow_id: workflowId, placed_at: at });
    await table.putAll([placed(now - 3000), placed(now - 2000)]);
    const firstPage = async () => {
      const before = queries();
      const page = await store.getHistory({ workflowId, limit: 5 });
      return {
        count: page.totalCount,
        shown: page.orders.length,
        queries: queries() - before,
      };
    };
    const first = await firstPage();

    // Act: a new order; then six more, past a page
    await table.putAll([placed(now - 10)]);
    const small = await firstPage();
    await table.putAll(
      Array.from({ length: 6 }, (_, n) => placed(now - 20 - n)),
    );
    const grown = await firstPage();
    const again = await firstPage();

    // Assess: first, a count of what was placed before the last minute and the page, which ends
    // the window and so lists the last minute's orders
    expect(first).toEqual({ count: 2, shown: 2, queries: 2 });
    expect(small).toEqual({ count: 3, shown: 3, queries: 1 });
    expect(grown).toMatchObject({ count: 9, shown: 5 });
    expect(again).toMatchObject({ count: 9, shown: 5 });
    expect(again.queries).toBeGreaterThan(1);
  });
});

describe('codeSpellings', () => {
  it('lists every case variant of a code with up to 6 letters', () => {
    expect(codeSpellings('DAX.I')).toHaveLength(16);
    expect(codeSpellings('EURUSD')).toHaveLength(64);
  });

  it('lists the spellings writers use for a longer code', () => {
    expect(codeSpellings('NASDAQ100.I')).toEqual([
      'NASDAQ100.I',
      'nasdaq100.i',
      'Nasdaq100.I',
    ]);
  });
});
