import {
  compareLatestOrders,
  latestOrderOf,
  latestOrdersPageOf,
  orderKeyOf,
} from './latestOrders';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';

const row = (workflow_id: string, placed_at: number) => ({
  id: `order-${workflow_id}`,
  workflow_id,
  placed_at,
});

describe('compareLatestOrders', () => {
  it('puts newer orders first, and at the same instant the greater workflow id first', () => {
    // Prepare
    const rows = [row('a', 100), row('b', 300), row('c', 200), row('d', 200)];

    // Act
    const sorted = [...rows].sort((x, y) =>
      compareLatestOrders(orderKeyOf(x), orderKeyOf(y)),
    );

    // Assess
    expect(sorted.map(r => r.workflow_id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('finds a row at its own key neither before nor after itself', () => {
    const key = { workflowId: 'a', placedAt: 100 };
    expect(compareLatestOrders(key, { ...key })).toBe(0);
  });
});

describe('latestOrdersPageOf', () => {
  const rows = [row('b', 300), row('d', 200), row('c', 200)];

  it('cuts the page at the limit and gives the key of its last row when more follow', () => {
    expect(latestOrdersPageOf(rows, 2)).toEqual({
      orders: rows.slice(0, 2),
      next: { workflowId: 'd', placedAt: 200 },
    });
  });

  it('gives no next key on the last page', () => {
    expect(latestOrdersPageOf(rows, 3).next).toBeUndefined();
    expect(latestOrdersPageOf([], 3)).toEqual({
      orders: [],
      next: undefined,
    });
  });
});

describe('latestOrderOf', () => {
  const placedAt = 1763769600.123456;
  const stored = {
    id: 'order-1',
    workflow_id: WORKFLOW_ID,
    placed_at: placedAt,
  };
  const read = (order: Record<string, unknown>) =>
    typeof order.id === 'string' ? (order as typeof stored) : undefined;

  it('shows the order the item holds when it is the order the item is kept for', () => {
    expect(
      latestOrderOf({ workflowId: WORKFLOW_ID, placedAt, order: stored }, read),
    ).toEqual({ order: stored });
  });

  it.each([
    ['holds no order', undefined, 'no order'],
    ['holds something other than an order', 'order-1', 'no order'],
    ['holds an order that cannot be read', { id: 42 }, 'unreadable order'],
    [
      'holds an order of another workflow',
      { ...stored, workflow_id: '9d3c6f1a-2b7e-4c58-a0f4-6e1d2c3b4a59' },
      'another order',
    ],
    [
      'holds an order placed at another time',
      { ...stored, placed_at: placedAt - 1 },
      'another order',
    ],
  ])('shows nothing when the item %s', (_case, order, problem) => {
    expect(
      latestOrderOf({ workflowId: WORKFLOW_ID, placedAt, order }, read),
    ).toEqual({ problem });
  });

  it('shows nothing when the item is kept at no usable time', () => {
    expect(
      latestOrderOf(
        { workflowId: WORKFLOW_ID, placedAt: String(placedAt), order: stored },
        read,
      ),
    ).toEqual({ problem: 'another order' });
  });
});
