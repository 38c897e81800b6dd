import {
  LatestOrderItem,
  WorkflowActivity,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { LiveOrders, useLiveOrderEvents } from './useLiveOrders';

/**
 * A workflow's activity with its new latest order counted: the last order, the count and the bar
 * of the order's UTC day (a new day replaces the oldest bar). An order already counted, or older
 * than the last order shown, changes nothing.
 */
export function withNewOrder(
  activity: WorkflowActivity,
  order: LatestOrderItem,
): WorkflowActivity {
  const last = activity.last_order;
  const placedAt = Date.parse(order.placed_at);
  if (
    last &&
    (last.id === order.id || Date.parse(last.placed_at) >= placedAt)
  ) {
    return activity;
  }
  const { workflow_name: _name, ...lastOrder } = order;
  const day = new Date(placedAt).toISOString().slice(0, 10);
  const days = activity.daily_counts;
  const dailyCounts = days.some(d => d.date === day)
    ? days.map(d => (d.date === day ? { ...d, count: d.count + 1 } : d))
    : [...days.slice(1), { date: day, count: 1 }];
  return {
    ...activity,
    total_count: activity.total_count + 1,
    last_order: lastOrder,
    daily_counts: dailyCounts,
  };
}

/**
 * Live updates of a workflow's Last order card: its new latest order updates the card and the
 * 7-day chart in place, without a request; a reload when the backend could not say what changed.
 */
export function useLiveActivity(options: {
  live: LiveOrders;
  workflowId: string;
  update: (change: (activity: WorkflowActivity) => WorkflowActivity) => void;
  refresh: () => void;
}): void {
  const { live, workflowId, update, refresh } = options;
  useLiveOrderEvents(live, event => {
    if (event.type === 'reload') {
      refresh();
      return;
    }
    const id = normalizeWorkflowId(workflowId);
    const order = event.changes.find(
      change => normalizeWorkflowId(change.workflow_id) === id,
    );
    if (order) update(activity => withNewOrder(activity, order));
  });
}
