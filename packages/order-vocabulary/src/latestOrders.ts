/**
 * Where an order is stored: its workflow, and the instant it was placed (epoch seconds, to the
 * microsecond). On the Workflow orders page, the key of a workflow's latest order is where its row
 * stands, and a page's cursor is the key of its last row.
 *
 * @public
 */
export interface OrderKey {
  /** The order's workflow. */
  readonly workflowId: string;
  /** When the order was placed, in epoch seconds. */
  readonly placedAt: number;
}

/** The key of a stored order (see {@link OrderKey}). @public */
export function orderKeyOf(order: {
  readonly workflow_id: string;
  readonly placed_at: number;
}): OrderKey {
  return { workflowId: order.workflow_id, placedAt: order.placed_at };
}

/**
 * The row order of the Workflow orders page, one row per workflow at the key of its latest order:
 * newer first, as the `latest-orders-index` is read, and among orders placed at the same instant the
 * greater workflow id first. Negative when `a` comes before `b`, positive when after, 0 for the same
 * row.
 *
 * @public
 */
export function compareLatestOrders(a: OrderKey, b: OrderKey): number {
  if (a.placedAt !== b.placedAt) return a.placedAt > b.placedAt ? -1 : 1;
  if (a.workflowId === b.workflowId) return 0;
  return a.workflowId > b.workflowId ? -1 : 1;
}

/**
 * A page of latest orders from rows in the row order ({@link compareLatestOrders}): the first
 * `limit`, and `next`, the key of the last of them, when more rows follow.
 *
 * @public
 */
export function latestOrdersPageOf<
  T extends { readonly workflow_id: string; readonly placed_at: number },
>(rows: readonly T[], limit: number): { orders: T[]; next?: OrderKey } {
  const orders = rows.slice(0, limit);
  const last = orders[orders.length - 1];
  return {
    orders,
    next: rows.length > limit && last ? orderKeyOf(last) : undefined,
  };
}

/**
 * A workflow's latest-order item as stored, whatever its attributes hold: the workflow it is kept
 * for, the `placed_at` it is kept (and indexed) at, and its copy of the workflow's latest order.
 *
 * @public
 */
export interface StoredLatestOrder {
  /** The workflow the item is kept for: its partition. */
  readonly workflowId: unknown;
  /** When the latest order was placed, as the item is kept and indexed by it. */
  readonly placedAt: unknown;
  /** The item's copy of the latest order. */
  readonly order: unknown;
}

/**
 * What a latest-order item shows: its order, or why it shows none. `no order`: it holds none;
 * `unreadable order`: the order cannot be read; `another order`: it holds an order of another
 * workflow, or one placed at another time than the item is kept at.
 *
 * @public
 */
export type LatestOrderReading<T> =
  | { readonly order: T; readonly problem?: undefined }
  | {
      readonly order?: undefined;
      readonly problem: 'no order' | 'unreadable order' | 'another order';
    };

/**
 * The order a latest-order item shows: the order it holds, when `read` can read it and it is the
 * order the item is kept for (its workflow, placed at its `placedAt`). An item that holds anything
 * else, a copy of another order written by hand or a stale one, shows nothing, wherever it is read:
 * on the Workflow orders page and in the workflows list alike.
 *
 * @public
 */
export function latestOrderOf<
  T extends { readonly workflow_id: string; readonly placed_at: number },
>(
  item: StoredLatestOrder,
  read: (order: Record<string, unknown>) => T | undefined,
): LatestOrderReading<T> {
  const { order } = item;
  if (typeof order !== 'object' || order === null) {
    return { problem: 'no order' };
  }
  const record = read(order as Record<string, unknown>);
  if (!record) return { problem: 'unreadable order' };
  if (
    record.workflow_id !== item.workflowId ||
    record.placed_at !== item.placedAt
  ) {
    return { problem: 'another order' };
  }
  return { order: record };
}
