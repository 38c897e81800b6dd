import { useCallback, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_LATEST_ORDERS_LIMIT,
  LatestOrderItem,
  OrderDirection,
  WORKFLOW_ID_ANNOTATION,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../api';
import { workflowIdOf } from '../conditions';
import { Announcement } from '../live/LiveAnnouncer';
import { useLiveLatestOrders } from '../live/useLiveLatestOrders';
import { useLiveOrders } from '../live/useLiveOrders';
import { usePolledResource } from './usePolledResource';

/** What the Workflow orders page asks for; `workflowIds` empty means no workflow can match. */
export interface LatestOrdersFilters {
  direction?: OrderDirection;
  code?: string;
  workflowIds?: string[];
}

/** A row of the Workflow orders page: the latest order and the catalog entity of its workflow. */
export interface LatestOrderRow extends LatestOrderItem {
  /** The entity that carries the workflow's id; undefined when none does. */
  entity?: Entity;
  /** Set for a few seconds when a live update brought this row: the burst that brought it. */
  arrived?: number;
}

/** The shown page of the Workflow orders page and how to move between pages. */
export interface LatestOrdersState {
  rows?: LatestOrderRow[];
  error?: Error;
  loading: boolean;
  lastUpdated?: Date;
  /** The page shown, from 0. */
  pageIndex: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  nextPage: () => void;
  previousPage: () => void;
  refresh: () => void;
  /** True while new orders show as they are placed; false while the page polls. */
  live: boolean;
  /** Workflows with new orders that a reader of a later page was not moved to. */
  waiting: number;
  /** Goes to the first page, to the workflows with new orders. */
  showWaiting: () => void;
  /** What screen readers hear of the last live update. */
  announcement?: Announcement;
}

interface ShownPage {
  rows: LatestOrderRow[];
  nextCursor: string | null;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  `metadata.annotations.${WORKFLOW_ID_ANNOTATION}`,
];

/**
 * The latest order of every workflow the user may see, a page at a time through the API's cursor,
 * each row with the catalog entity of its workflow (one catalog request per page). Refreshed every
 * minute while the tab is visible, like the Orders tab; changing the filters goes back to the first
 * page.
 */
export function useLatestOrders(
  filters: LatestOrdersFilters,
  pageSize: number = DEFAULT_LATEST_ORDERS_LIMIT,
): LatestOrdersState {
  const api = useApi(workflowOrdersApiRef);
  const catalogApi = useApi(catalogApiRef);
  const filterKey = JSON.stringify(filters);
  // The cursors of the pages before the shown one and of the shown one, per filter.
  const [cursors, setCursors] = useState<{
    of: string;
    stack: (string | undefined)[];
  }>({ of: filterKey, stack: [undefined] });
  const stack = useMemo(
    () => (cursors.of === filterKey ? cursors.stack : [undefined]),
    [cursors, filterKey],
  );
  const cursor = stack[stack.length - 1];
  const live = useLiveOrders();

  const page = usePolledResource<ShownPage>(
    async () => {
      if (filters.workflowIds?.length === 0) {
        return { rows: [], nextCursor: null };
      }
      const answer = await api.getLatestOrders({
        limit: pageSize,
        cursor,
        direction: filters.direction,
        code: filters.code,
        workflowIds: filters.workflowIds,
      });
      const ids = [...new Set(answer.orders.map(o => o.workflow_id))];
      const entities = ids.length
        ? await catalogApi.getEntities({
            filter: { [`metadata.annotations.${WORKFLOW_ID_ANNOTATION}`]: ids },
            fields: ENTITY_FIELDS,
          })
        : { items: [] };
      const byId = new Map<string, Entity>();
      for (const entity of entities.items) {
        const id = workflowIdOf(entity);
        if (id && !byId.has(id)) byId.set(id, entity);
      }
      return {
        rows: answer.orders.map(order => ({
          ...order,
          entity: byId.get(order.workflow_id),
        })),
        nextCursor: answer.next_cursor,
      };
    },
    {
      deps: [api, catalogApi, filterKey, cursor, pageSize],
      intervalMs: live.pollIntervalMs,
    },
  );

  const nextCursor = page.data?.nextCursor;
  const nextPage = useCallback(() => {
    if (!nextCursor) return;
    setCursors({ of: filterKey, stack: [...stack, nextCursor] });
  }, [filterKey, stack, nextCursor]);
  const previousPage = useCallback(() => {
    if (stack.length < 2) return;
    setCursors({ of: filterKey, stack: stack.slice(0, -1) });
  }, [filterKey, stack]);
  const firstPage = useCallback(() => {
    setCursors({ of: filterKey, stack: [undefined] });
  }, [filterKey]);
  const { update } = page;
  const updateRows = useCallback(
    (change: (rows: LatestOrderRow[]) => LatestOrderRow[]) =>
      update(shown => ({ ...shown, rows: change(shown.rows) })),
    [update],
  );
  const arrivals = useLiveLatestOrders({
    live,
    filters,
    pageIndex: stack.length - 1,
    rows: page.data?.rows,
    update: updateRows,
    refresh: page.refresh,
    firstPage,
  });

  return {
    rows: page.data?.rows,
    error: page.error,
    loading: page.loading,
    lastUpdated: page.lastUpdated,
    pageIndex: stack.length - 1,
    hasNextPage: !!nextCursor,
    hasPreviousPage: stack.length > 1,
    nextPage,
    previousPage,
    refresh: page.refresh,
    live: live.live,
    ...arrivals,
  };
}
