import type {
  HistoryQuery,
  LatestOrdersQuery,
  LatestOrdersResponse,
  SummariesResponse,
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import { historyScopeOf, latestScopeOf, type CursorCodec } from './cursor';
import type { OrderReads, ReadContext } from './OrderReads';
import { toDetail, toLatestItem, toListItem, toSummary } from './responses';

/** Days the activity chart of the Last order card covers. */
export const ACTIVITY_DAYS = 7;

/**
 * The answers of the API from validated requests, for the routes and the actions alike: each takes
 * the cursor it was given back to a position, reads through {@link OrderReads} (so with its access
 * decisions and audit event), and answers the rows in the API's fields with the next cursor.
 */
export interface OrderPages {
  /**
   * A page of a workflow's history. With `carryCount` (the routes), the next cursor carries the
   * count, and a later page answers the count its cursor carries instead of counting again.
   */
  history(
    asked: { workflowId: string; query: HistoryQuery; carryCount: boolean },
    context: ReadContext,
  ): Promise<WorkflowOrderHistoryResponse>;
  /** A page of the latest orders of the workflows the caller may see. */
  latestOrders(
    query: LatestOrdersQuery,
    context: ReadContext,
  ): Promise<LatestOrdersResponse>;
  /** A workflow's activity over {@link ACTIVITY_DAYS} days. */
  activity(workflowId: string, context: ReadContext): Promise<WorkflowActivity>;
  /** One order with everything known about it. */
  order(orderId: string, context: ReadContext): Promise<WorkflowOrderDetail>;
  /** The last order of each workflow, null for one the caller may not see. */
  summaries(
    workflowIds: string[],
    context: ReadContext,
  ): Promise<SummariesResponse>;
}

/** Creates the {@link OrderPages} over the reads and the cursor codec the routes and actions share. */
export function createOrderPages(options: {
  reads: OrderReads;
  cursors: CursorCodec;
}): OrderPages {
  const { reads, cursors } = options;
  return {
    async history({ workflowId, query, carryCount }, context) {
      const { limit, cursor, sort, direction, code } = query;
      const scope = historyScopeOf(query);
      const after = cursor
        ? cursors.decode(cursor, workflowId, scope)
        : undefined;
      const page = await reads.history(
        {
          workflowId,
          limit,
          afterPlacedAt: after?.placedAt,
          sort,
          direction,
          code,
          // A later page answers the count of the first, which its cursor carries, signed.
          ...(!carryCount || after?.totalCount === undefined
            ? {}
            : {
                knownCount: {
                  totalCount: after.totalCount,
                  exact: after.totalCountExact !== false,
                },
              }),
        },
        context,
      );
      const exact = page.totalCountExact !== false;
      const next =
        page.nextPlacedAt === undefined
          ? undefined
          : { workflowId, placedAt: page.nextPlacedAt };
      return {
        workflow_id: workflowId,
        orders: page.orders.map(toListItem),
        total_count: page.totalCount,
        total_count_exact: exact,
        limit,
        next_cursor: !next
          ? null
          : cursors.encode(
              carryCount
                ? {
                    ...next,
                    totalCount: page.totalCount,
                    totalCountExact: exact,
                  }
                : next,
              scope,
            ),
      };
    },

    async latestOrders(query, context) {
      const { limit, cursor, direction, code, workflow_ids } = query;
      const scope = latestScopeOf(query);
      const after = cursor ? cursors.decodeLatest(cursor, scope) : undefined;
      const page = await reads.latestOrders(
        { limit, after, direction, code, workflowIds: workflow_ids },
        context,
      );
      return {
        orders: page.orders.map(toLatestItem),
        limit,
        next_cursor: page.next ? cursors.encodeLatest(page.next, scope) : null,
      };
    },

    async activity(workflowId, context) {
      const activity = await reads.activity(
        { workflowId, days: ACTIVITY_DAYS },
        context,
      );
      return {
        workflow_id: workflowId,
        total_count: activity.totalCount,
        last_order: activity.lastOrder ? toListItem(activity.lastOrder) : null,
        daily_counts: activity.dailyCounts,
      };
    },

    async order(orderId, context) {
      return toDetail(await reads.order({ orderId }, context));
    },

    async summaries(workflowIds, context) {
      const lastOrders = await reads.lastOrders({ workflowIds }, context);
      return {
        summaries: workflowIds.map((id, index) => {
          const last = lastOrders[index];
          return last === null ? null : toSummary(id, last);
        }),
      };
    },
  };
}
