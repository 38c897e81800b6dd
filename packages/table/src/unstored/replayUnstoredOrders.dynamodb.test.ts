import { randomUUID } from 'node:crypto';
import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';
import { replayUnstoredOrders } from './replayUnstoredOrders';
import { UNSTORED_ORDER_MARKER, formatUnstoredLine } from './unstoredLine';

const table = useTestTable({ scope: 'test' });
const now = Date.now() / 1000;
const unstored = (
  order: Record<string, unknown>,
  tableName = table.tableName,
) => formatUnstoredLine({ table: tableName, reason: 'queue full', order });
const replay = (lines: string[]) =>
  replayUnstoredOrders({
    client: table.client,
    tableName: table.tableName,
    lines,
  });

describe('replayUnstoredOrders', () => {
  it('stores each order once, however often it is replayed, with its latest-order item', async () => {
    const workflowId = randomUUID();
    const orders = [1, 2, 3].map(i => aStoredOrder(workflowId, now - 60 + i));
    const lines = orders.map(order => unstored(order));

    expect(await replay(lines)).toMatchObject({
      stored: 3,
      alreadyPresent: 0,
      invalid: 0,
      problems: [],
    });
    expect(await replay(lines)).toMatchObject({ stored: 0, alreadyPresent: 3 });

    const stored = await table.ordersOf(workflowId);
    expect(stored.map(order => order.id)).toEqual(
      orders.map(order => order.id),
    );
    expect(stored[2]).toMatchObject({
      order_code: 'FRA40.I',
      order_price: 7850.25,
      placed_at: orders[2].placed_at,
      ttl: orders[2].ttl,
    });
    expect(await table.latestOf(workflowId)).toMatchObject({
      last_order: { id: orders[2].id },
    });
  });

  it('counts and names each bad line with its number, and stores the rest', async () => {
    const workflowId = randomUUID();
    const good = aStoredOrder(workflowId, now - 10);
    const lines = [
      'START RequestId: c0ffee-42 Version: $LATEST',
      unstored(good).slice(0, 80),
      unstored({ ...aStoredOrder(workflowId, now - 9), order_price: -1 }),
      unstored(aStoredOrder(workflowId, now - 8), 'another_table'),
      unstored(aStoredOrder(workflowId, now - 8 * 24 * 3600)),
      unstored({ ...aStoredOrder(workflowId, now - 7), id: undefined }),
      `${UNSTORED_ORDER_MARKER} {"v":1,"table":"${table.tableName}","order":{"pk":"S#1","sk":"x"}}`,
      unstored(good),
    ];

    const result = await replay(lines);

    expect(result).toMatchObject({
      stored: 1,
      alreadyPresent: 0,
      invalid: 5,
      otherTable: 1,
      foreign: 1,
    });
    expect(result.problems).toEqual([
      { line: 2, problem: 'truncated or not JSON after the marker' },
      { line: 3, problem: 'order_price: must be greater than 0' },
      {
        line: 5,
        problem: 'placed_at: more than 7 days ago, past the table’s retention',
      },
      { line: 6, problem: 'id: is required' },
      {
        line: 7,
        problem:
          'id: is required; workflow_id: is required; workflow_name: is required',
      },
    ]);
    expect((await table.ordersOf(workflowId)).map(order => order.id)).toEqual([
      good.id,
    ]);
  });
});
