import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { matchesFilters } from './orderRecords';
import type { LatestOrderPage, LatestOrdersOptions } from './OrderStore';

/**
 * Whether row `a` comes before row `b` on the Workflow orders page: newer first, and among orders
 * placed at the same time the greater workflow id first.
 */
function comesBefore(
  a: { placedAt: number; workflowId: string },
  b: { placedAt: number; workflowId: string },
): boolean {
  return (
    a.placedAt > b.placedAt ||
    (a.placedAt === b.placedAt && a.workflowId > b.workflowId)
  );
}

/**
 * A page of the latest orders of a few named workflows, from their latest-order items read
 * directly (`readLatest`: a hundred per BatchGetItem, so one request for up to a hundred
 * workflows) and sorted here: what the `latest-orders-index` answers for them, without paging past
 * every other workflow. Rows older than `oldest`, or not matching the options, are left out.
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
  const latest = ids.length > 0 ? await readLatest(ids) : new Map();
  const rows = [...latest.values()]
    .filter(
      record =>
        record.placed_at >= oldest &&
        matchesFilters(record, filters) &&
        (!after ||
          comesBefore(after, {
            placedAt: record.placed_at,
            workflowId: record.workflow_id,
          })),
    )
    .sort((a, b) =>
      comesBefore(
        { placedAt: a.placed_at, workflowId: a.workflow_id },
        { placedAt: b.placed_at, workflowId: b.workflow_id },
      )
        ? -1
        : 1,
    );
  const orders = rows.slice(0, limit);
  const last = orders[orders.length - 1];
  return {
    orders,
    next:
      rows.length > limit && last
        ? { workflowId: last.workflow_id, placedAt: last.placed_at }
        : undefined,
  };
}
