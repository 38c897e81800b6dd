import {
  MAX_HISTORY_LIMIT,
  type HistoryExportQuery,
  type LatestOrdersExportQuery,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type { OrderReads, ReadContext } from '../service/OrderReads';

/** The orders of an export, a page at a time, in the order they are written. */
export type OrderPages = AsyncGenerator<WorkflowOrderRecord[], void, undefined>;

/**
 * Every page of a workflow's history that matches the query, read through {@link OrderReads} (so
 * each page with its access decision and audit event); the first page is read when the generator is
 * first advanced, so a hidden workflow fails before anything is written.
 */
export async function* historyPages(
  reads: OrderReads,
  asked: { workflowId: string; query: HistoryExportQuery },
  context: ReadContext,
): OrderPages {
  const { workflowId, query } = asked;
  let afterPlacedAt: number | undefined;
  let knownCount: { totalCount: number; exact: boolean } | undefined;
  do {
    const page = await reads.history(
      {
        workflowId,
        limit: MAX_HISTORY_LIMIT,
        afterPlacedAt,
        sort: query.sort,
        direction: query.direction,
        code: query.code,
        // The first page counts; later pages carry its count rather than count again.
        ...(knownCount ? { knownCount } : {}),
      },
      context,
    );
    knownCount ??= {
      totalCount: page.totalCount,
      exact: page.totalCountExact !== false,
    };
    yield page.orders;
    afterPlacedAt = page.nextPlacedAt;
  } while (afterPlacedAt !== undefined);
}

/** Every page of the latest orders the caller may see that match the query, newest first. */
export async function* latestOrderPages(
  reads: OrderReads,
  query: LatestOrdersExportQuery,
  context: ReadContext,
): OrderPages {
  let after: Awaited<ReturnType<OrderReads['latestOrders']>>['next'];
  do {
    const page = await reads.latestOrders(
      {
        limit: MAX_HISTORY_LIMIT,
        after,
        direction: query.direction,
        code: query.code,
        workflowIds: query.workflow_ids,
      },
      context,
    );
    yield page.orders;
    after = page.next;
  } while (after);
}
