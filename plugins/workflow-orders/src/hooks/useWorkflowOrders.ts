import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_HISTORY_LIMIT,
  HistorySort,
  MAX_HISTORY_LIMIT,
  OrderDirection,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowNotVisibleError, workflowOrdersApiRef } from '../api';
import { LiveHistory, useLiveHistory } from '../live/useLiveHistory';
import { useLiveOrders } from '../live/useLiveOrders';
import { usePolledResource } from './usePolledResource';
import { toError } from './toError';

const NO_ORDERS: WorkflowOrderListItem[] = [];

/** Orders per page of the Orders tab. */
export const ORDERS_PAGE_SIZE = DEFAULT_HISTORY_LIMIT;

/** The order and filters of the Orders tab; the backend sorts and filters. */
export interface OrdersQuery {
  /** Newest first (the default) or oldest first. */
  sort?: HistorySort;
  /** Only BUY or only SELL orders. */
  direction?: OrderDirection;
  /** Only orders of this asset code, in any case. */
  code?: string;
}

/** The orders on screen and where the history goes on. */
interface ShownOrders {
  orders: WorkflowOrderListItem[];
  /** Pages the reader loaded: 1 until "Load more"; orders added live do not count. */
  pages: number;
  totalCount: number;
  totalCountExact: boolean;
  nextCursor: string | null;
}

/** The Orders tab's data: the orders loaded so far, newest first, and what can be done next. */
export interface WorkflowOrdersState extends LiveHistory {
  /** True while new orders show as they are placed; false while the tab polls. */
  live: boolean;
  orders: WorkflowOrderListItem[];
  totalCount?: number;
  /** False when `totalCount` is a lower bound: the window holds more orders than the backend counts. */
  totalCountExact: boolean;
  nextCursor: string | null;
  error?: Error;
  /**
   * The backend would not show the workflow (404): for the workflow of an entity the user sees, the
   * user may not read its orders. Not an error, so `error` is unset then.
   */
  notAllowed: boolean;
  loading: boolean;
  loadingMore: boolean;
  lastUpdated?: Date;
  refresh: () => void;
  loadMore: () => void;
}

/**
 * A workflow's order history in the order and with the filters of `query`, page by page through the API's cursor, refreshed every minute while
 * the tab is visible. A refresh reloads as many orders as are shown, so "Load more" is not undone
 * and an order that expired in the meantime simply disappears. A 404 of the workflow is `notAllowed`,
 * not an error; the next refresh that is answered clears it.
 */
export function useWorkflowOrders(
  workflowId: string,
  query: OrdersQuery = {},
): WorkflowOrdersState {
  const api = useApi(workflowOrdersApiRef);
  const { sort, direction, code } = query;
  const live = useLiveOrders();
  const history = usePolledResource<ShownOrders>(
    async shown => {
      const limit = Math.min(
        MAX_HISTORY_LIMIT,
        Math.max(ORDERS_PAGE_SIZE, shown?.orders.length ?? 0),
      );
      const page = await api.getOrders({
        workflowId,
        limit,
        sort,
        direction,
        code,
      });
      return {
        orders: page.orders,
        pages: shown?.pages ?? 1,
        totalCount: page.total_count,
        totalCountExact: page.total_count_exact !== false,
        nextCursor: page.next_cursor,
      };
    },
    {
      deps: [api, workflowId, sort, direction, code],
      intervalMs: live.pollIntervalMs,
    },
  );
  const { data, update } = history;
  const [loadingMore, setLoadingMore] = useState(false);
  // A failed "Load more" is shown until the orders it was meant to extend change.
  const [moreFailed, setMoreFailed] = useState<{
    error: Error;
    of: ShownOrders;
  }>();

  const loadMore = useCallback(async () => {
    const cursor = data?.nextCursor;
    if (!data || !cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await api.getOrders({
        workflowId,
        limit: ORDERS_PAGE_SIZE,
        cursor,
        sort,
        direction,
        code,
      });
      // A refresh that answered meanwhile supersedes this page.
      update(previous => {
        if (previous !== data) return previous;
        const known = new Set(previous.orders.map(order => order.id));
        return {
          orders: [
            ...previous.orders,
            ...page.orders.filter(o => !known.has(o.id)),
          ],
          pages: previous.pages + 1,
          totalCountExact: page.total_count_exact !== false,
          // A later page carries the count of the first, which live orders added to since.
          totalCount: Math.max(previous.totalCount, page.total_count),
          nextCursor: page.next_cursor,
        };
      });
    } catch (error) {
      setMoreFailed({ error: toError(error), of: data });
    } finally {
      setLoadingMore(false);
    }
  }, [api, workflowId, sort, direction, code, data, loadingMore, update]);

  const insert = useCallback(
    (placed: WorkflowOrderListItem[]) =>
      update(previous => {
        const known = new Set(previous.orders.map(order => order.id));
        const added = placed.filter(order => !known.has(order.id));
        return {
          ...previous,
          orders: [...added, ...previous.orders],
          totalCount: previous.totalCount + added.length,
        };
      }),
    [update],
  );
  const liveHistory = useLiveHistory({
    live,
    workflowId,
    query,
    orders: data?.orders ?? NO_ORDERS,
    firstPageOnly: (data?.pages ?? 1) === 1,
    refresh: history.refresh,
    insert,
  });

  const error =
    moreFailed && moreFailed.of === data ? moreFailed.error : history.error;
  const notAllowed = error instanceof WorkflowNotVisibleError;
  return {
    orders: data?.orders ?? [],
    totalCount: data?.totalCount,
    totalCountExact: data?.totalCountExact ?? true,
    nextCursor: data?.nextCursor ?? null,
    error: notAllowed ? undefined : error,
    notAllowed,
    loading: history.loading,
    loadingMore,
    lastUpdated: history.lastUpdated,
    refresh: history.refresh,
    loadMore,
    live: live.live,
    ...liveHistory,
  };
}
