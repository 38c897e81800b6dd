import { useCallback, useEffect, useRef, useState } from 'react';
import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  LatestOrderItem,
  WORKFLOW_ID_ANNOTATION,
  matchesOrderFilters,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../conditions';
import type {
  LatestOrderRow,
  LatestOrdersFilters,
} from '../hooks/useLatestOrders';
import { ARRIVED_MARK_MS } from './ArrivedTag';
import { Announcement, newOrdersText, useAnnouncement } from './LiveAnnouncer';
import { LiveOrders, useLiveOrderEvents } from './useLiveOrders';

/** What the Workflow orders page shows of live updates. */
export interface LiveLatestOrders {
  /** Workflows with new orders that a reader of a later page has not been shown yet. */
  waiting: number;
  /** Goes to the first page, where the workflows with new orders are. */
  showWaiting: () => void;
  /** What screen readers hear of the last burst. */
  announcement?: Announcement;
}

/** The fields of an entity that the page's workflow column shows. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  `metadata.annotations.${WORKFLOW_ID_ANNOTATION}`,
];

/** True when a workflow's new latest order belongs on the page under its filters. */
function belongs(change: LatestOrderItem, filters: LatestOrdersFilters) {
  const id = normalizeWorkflowId(change.workflow_id);
  return (
    (!filters.workflowIds ||
      filters.workflowIds.some(w => normalizeWorkflowId(w) === id)) &&
    matchesOrderFilters(change, filters)
  );
}

const plural = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * Live updates of the Workflow orders page. On the first page, a workflow with a new order moves to
 * the top with it, marked for a few seconds, and a workflow whose new latest order no longer
 * matches the filters leaves (as a reload would show); a reader of a later page stays where they
 * are and is told how many workflows have new orders. The catalog is asked only for the entities of
 * workflows the page does not show yet.
 */
export function useLiveLatestOrders(options: {
  live: LiveOrders;
  filters: LatestOrdersFilters;
  pageIndex: number;
  /** The rows shown, when loaded. */
  rows?: LatestOrderRow[];
  update: (change: (rows: LatestOrderRow[]) => LatestOrderRow[]) => void;
  refresh: () => void;
  firstPage: () => void;
}): LiveLatestOrders {
  const { live, filters, pageIndex, rows, update, refresh, firstPage } =
    options;
  const catalogApi = useApi(catalogApiRef);
  const [announcement, announce] = useAnnouncement();
  const view = `${JSON.stringify(filters)}#${pageIndex}`;
  const [waiting, setWaiting] = useState({ of: view, ids: new Set<string>() });
  const current = useRef({ view, rows, filters });
  useEffect(() => {
    current.current = { view, rows, filters };
  });
  const burst = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const entitiesOf = useCallback(
    async (ids: string[]): Promise<Map<string, Entity>> => {
      const byId = new Map<string, Entity>();
      if (ids.length === 0) return byId;
      const { items } = await catalogApi.getEntities({
        filter: { [`metadata.annotations.${WORKFLOW_ID_ANNOTATION}`]: ids },
        fields: ENTITY_FIELDS,
      });
      for (const entity of items) {
        const id = workflowIdOf(entity);
        if (id && !byId.has(id)) byId.set(id, entity);
      }
      return byId;
    },
    [catalogApi],
  );

  const moveToTop = useCallback(
    async (changes: LatestOrderItem[], shown: LatestOrderRow[]) => {
      const { view: at, filters: of } = current.current;
      const known = new Map(shown.map(row => [row.workflow_id, row.entity]));
      const arriving = changes.filter(change => belongs(change, of));
      const unknown = arriving
        .map(change => change.workflow_id)
        .filter(id => !known.has(id));
      const entities = await entitiesOf(unknown).catch(() => new Map());
      if (current.current.view !== at) return;
      const mark = ++burst.current;
      const changed = new Set(changes.map(change => change.workflow_id));
      update(previous => [
        ...arriving
          .map(change => ({
            ...change,
            entity:
              known.get(change.workflow_id) ?? entities.get(change.workflow_id),
            arrived: mark,
          }))
          .sort((a, b) => b.placed_at.localeCompare(a.placed_at)),
        ...previous.filter(row => !changed.has(row.workflow_id)),
      ]);
      if (arriving.length > 0) {
        announce(newOrdersText(arriving.length));
      }
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        update(previous =>
          previous.map(row =>
            row.arrived === mark ? { ...row, arrived: undefined } : row,
          ),
        );
      }, ARRIVED_MARK_MS);
      timers.current.add(timer);
    },
    [announce, entitiesOf, update],
  );

  useLiveOrderEvents(live, event => {
    if (event.type === 'reload') {
      refresh();
      return;
    }
    const { view: at, rows: shown, filters: of } = current.current;
    if (pageIndex === 0) {
      if (shown) moveToTop(event.changes, shown);
      return;
    }
    const arriving = event.changes.filter(change => belongs(change, of));
    if (arriving.length === 0) return;
    const ids = new Set(waiting.of === at ? waiting.ids : []);
    arriving.forEach(change => ids.add(change.workflow_id));
    setWaiting({ of: at, ids });
    announce(
      `${plural(ids.size, 'workflow has', 'workflows have')} new orders`,
    );
  });

  const showWaiting = useCallback(() => {
    setWaiting({ of: '', ids: new Set() });
    firstPage();
  }, [firstPage]);

  return {
    waiting: waiting.of === view ? waiting.ids.size : 0,
    showWaiting,
    announcement,
  };
}
