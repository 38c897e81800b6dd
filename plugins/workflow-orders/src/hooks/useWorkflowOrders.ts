import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_HISTORY_LIMIT,
  MAX_HISTORY_LIMIT,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../api';
import { usePolling } from './usePolling';
import { toError } from './toError';

/** Orders per page of the Orders tab. */
export const ORDERS_PAGE_SIZE = DEFAULT_HISTORY_LIMIT;

interface OrdersData {
  orders: WorkflowOrderListItem[];
  totalCount?: number;
  nextCursor: string | null;
  error?: Error;
  loading: boolean;
  loadingMore: boolean;
  lastUpdated?: Date;
}

/** The Orders tab's data: the orders loaded so far, newest first, and what can be done next. */
export interface WorkflowOrdersState extends OrdersData {
  refresh: () => void;
  loadMore: () => void;
}

const initial: OrdersData = {
  orders: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
};

/**
 * A workflow's order history, page by page through the API's cursor, refreshed every minute while
 * the tab is visible. A refresh reloads as many orders as are shown, so "Load more" is not undone
 * and an order that expired in the meantime simply disappears.
 */
export function useWorkflowOrders(workflowId: string): WorkflowOrdersState {
  const api = useApi(workflowOrdersApiRef);
  const [data, setData] = useState<OrdersData>(initial);
  const shown = useRef(0);
  shown.current = data.orders.length;
  // A refresh supersedes every request made before it, including a pending "Load more".
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const current = ++generation.current;
    const limit = Math.min(
      MAX_HISTORY_LIMIT,
      Math.max(ORDERS_PAGE_SIZE, shown.current),
    );
    setData(previous => ({ ...previous, loading: true, loadingMore: false }));
    try {
      const page = await api.getOrders({ workflowId, limit });
      if (current !== generation.current) return;
      setData({
        orders: page.orders,
        totalCount: page.total_count,
        nextCursor: page.next_cursor,
        loading: false,
        loadingMore: false,
        lastUpdated: new Date(),
      });
    } catch (error) {
      if (current !== generation.current) return;
      setData(previous => ({
        ...previous,
        error: toError(error),
        loading: false,
      }));
    }
  }, [api, workflowId]);

  const loadMore = useCallback(async () => {
    const cursor = data.nextCursor;
    if (!cursor || data.loadingMore) return;
    const current = generation.current;
    setData(previous => ({ ...previous, loadingMore: true }));
    try {
      const page = await api.getOrders({
        workflowId,
        limit: ORDERS_PAGE_SIZE,
        cursor,
      });
      if (current !== generation.current) return;
      setData(previous => {
        const known = new Set(previous.orders.map(order => order.id));
        return {
          ...previous,
          orders: [
            ...previous.orders,
            ...page.orders.filter(o => !known.has(o.id)),
          ],
          totalCount: page.total_count,
          nextCursor: page.next_cursor,
          error: undefined,
          loadingMore: false,
        };
      });
    } catch (error) {
      if (current !== generation.current) return;
      setData(previous => ({
        ...previous,
        error: toError(error),
        loadingMore: false,
      }));
    }
  }, [api, workflowId, data.nextCursor, data.loadingMore]);

  useEffect(() => {
    setData(initial);
    shown.current = 0;
    refresh();
    const requests = generation;
    return () => {
      // Answers that arrive after the page is left, or for a previous workflow, are dropped.
      requests.current++;
    };
  }, [refresh]);

  usePolling(refresh);

  return { ...data, refresh, loadMore };
}
