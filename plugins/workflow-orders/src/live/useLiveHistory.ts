import { useCallback, useEffect, useRef, useState } from 'react';
import {
  HistorySort,
  OrderDirection,
  WorkflowOrderListItem,
  matchesOrderFilters,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { Announcement, newOrdersText, useAnnouncement } from './LiveAnnouncer';
import { LiveOrders, useLiveOrderEvents } from './useLiveOrders';

/** What the Orders tab shows of live updates. */
export interface LiveHistory {
  /** New orders the tab did not jump to: its reader sorts oldest first or loaded more pages. */
  newOrders: number;
  /** Loads the orders anew, the new ones at the top when sorted newest first. */
  showNewOrders: () => void;
  /** What screen readers hear of the last burst. */
  announcement?: Announcement;
}

/**
 * Live updates of a workflow's Orders tab. Sorted newest first with only the first page loaded,
 * the new orders appear at the top and the count follows: without filters, a push that carries the
 * orders placed after the newest shown is added as it is (`insert`); otherwise the tab loads that
 * page again when the workflow places an order that matches its filters. Sorted oldest first or
 * further down the history, it counts the new orders for a "N new orders" control instead of
 * moving its reader.
 */
export function useLiveHistory(options: {
  live: LiveOrders;
  workflowId: string;
  query: { sort?: HistorySort; direction?: OrderDirection; code?: string };
  orders: WorkflowOrderListItem[];
  /** True while only the first page of the history is loaded. */
  firstPageOnly: boolean;
  refresh: () => void;
  /** Adds orders placed after those shown at the top, and to the count. */
  insert: (orders: WorkflowOrderListItem[]) => void;
}): LiveHistory {
  const { live, workflowId, query, orders, firstPageOnly, refresh, insert } =
    options;
  const [announcement, announce] = useAnnouncement();
  const view = JSON.stringify([workflowId, query]);
  const [waiting, setWaiting] = useState({ of: view, ids: new Set<string>() });
  // The orders shown before a reload that live updates asked for, to count the new ones after it.
  const before = useRef<Set<string>>();

  useEffect(() => {
    const known = before.current;
    if (!known) return;
    before.current = undefined;
    const count = orders.filter(order => !known.has(order.id)).length;
    if (count > 0) announce(newOrdersText(count));
  }, [orders, announce]);

  useLiveOrderEvents(
    live,
    event => {
      if (event.type === 'reload') {
        refresh();
        return;
      }
      const id = normalizeWorkflowId(workflowId);
      const arrived = event.changes.filter(
        change =>
          normalizeWorkflowId(change.workflow_id) === id &&
          matchesOrderFilters(change, query),
      );
      if (arrived.length === 0) return;
      if (query.sort !== 'oldest' && firstPageOnly) {
        // The orders placed after the newest shown, all of them: nothing to load.
        const pushed = event.tabs?.[id];
        if (
          pushed &&
          pushed.orders.length > 0 &&
          !query.direction &&
          !query.code &&
          orders[0]?.placed_at === pushed.since
        ) {
          insert(pushed.orders);
          announce(newOrdersText(pushed.orders.length));
          return;
        }
        before.current = new Set(orders.map(order => order.id));
        refresh();
        return;
      }
      const ids = new Set(waiting.of === view ? waiting.ids : []);
      arrived.forEach(change => ids.add(change.id));
      setWaiting({ of: view, ids });
      announce(newOrdersText(ids.size));
    },
    workflowId,
  );

  const showNewOrders = useCallback(() => {
    setWaiting({ of: '', ids: new Set() });
    refresh();
  }, [refresh]);

  return {
    newOrders: waiting.of === view ? waiting.ids.size : 0,
    showNewOrders,
    announcement,
  };
}
