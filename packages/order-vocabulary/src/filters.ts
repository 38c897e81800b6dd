import { normalizeAssetCode, type OrderDirection } from './fields';

/**
 * What the history and the latest orders may be filtered by, as the API's queries parse it: a
 * direction, and an asset code as {@link normalizeAssetCode} gives it.
 *
 * @public
 */
export interface OrderFilters {
  /** Only orders of this direction. */
  readonly direction?: OrderDirection;
  /** Only orders of this asset code, normalized; matched without regard to case. */
  readonly code?: string;
}

/** Whether filters ask for anything: without them every order matches. @public */
export function hasOrderFilters(filters: OrderFilters): boolean {
  return filters.direction !== undefined || filters.code !== undefined;
}

/**
 * Whether an order matches the filters. The order's fields are compared as read (a direction in its
 * stored form, `BUY` or `SELL`), its code as {@link normalizeAssetCode} gives it; an order whose
 * direction or code is unknown (null) matches no filter on it.
 *
 * @public
 */
export function matchesOrderFilters(
  order: {
    readonly order_direction?: string | null;
    readonly order_code?: string | null;
  },
  filters: OrderFilters,
): boolean {
  const { direction, code } = filters;
  if (direction !== undefined && order.order_direction !== direction) {
    return false;
  }
  return (
    code === undefined ||
    (typeof order.order_code === 'string' &&
      normalizeAssetCode(order.order_code) === code)
  );
}
