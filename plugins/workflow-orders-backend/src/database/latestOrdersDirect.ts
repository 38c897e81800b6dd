import {
  compareLatestOrders,
  latestOrdersPageOf,
  matchesOrderFilters,
  orderKeyOf,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type { LatestOrderPage, LatestOrdersOptions } from './OrderStore';

/**
 * A page of the latest orders of a few named workflows, from their latest-order items read
 * directly (`readLatest`: a hundred per BatchGetItem, so one request for up to a hundred
 * workflows) and sorted here in the row order of the `latest-orders-index`: what the index answers
 * for them, without paging past every other workflow. Rows older than `oldest`, or not matching the
 * options, are left out.
 */
export async function readLatestOrdersDirectly(
  readLatest: (
    workflowIds: readonly string[],
  ) => Promise<Map<string, WorkflowOrderRecord>>,
  options: LatestOrdersOptions & {
    workflowIds: readonly string[];
    oldest: number;
  },
): Promise<LatestOrderPage> {
  const { limit, after, oldest, isVisible } = options;
  if (after && after.placedAt < oldest) return { orders: [] };
  const filters = { direction: options.direction, code: options.code };
  const ids = [...new Set(options.workflowIds)].filter(
    id => !isVisible || isVisible(id),
  );
  const latest =
    ids.length > 0
      ? await readLatest(ids)
      : new Map<string, WorkflowOrderRecord>();
  const rows = [...latest.values()]
    .filter(
      record =>
        record.placed_at >= oldest &&
        matchesOrderFilters(record, filters) &&
        (!after || compareLatestOrders(after, orderKeyOf(record)) < 0),
    )
    .sort((a, b) => compareLatestOrders(orderKeyOf(a), orderKeyOf(b)));
  return latestOrdersPageOf(rows, limit);
}
