import { z } from 'zod';
import { MAX_SUMMARY_WORKFLOWS } from '../constants';
import {
  ORDER_DIRECTIONS,
  workflowIdSchema,
} from '@workflow-orders/order-vocabulary';

const isoTime = z.iso.datetime({ offset: true });

/**
 * One order in a workflow's history: a row of the Orders tab.
 *
 * Every order has its `id`, `workflow_id` and `placed_at`. The other fields are null when the writer
 * of the order left them out or stored them in a shape that cannot be read (the original engine's
 * first release wrote no `workflow_name`, for instance): the order is shown, with that field unknown.
 *
 * @public
 */
export const workflowOrderListItemSchema = z.object({
  id: z.string(),
  workflow_id: z.string(),
  placed_at: isoTime,
  order_code: z.string().nullable(),
  order_price: z.number().nullable(),
  order_quantity: z.number().nullable(),
  order_direction: z.enum(ORDER_DIRECTIONS).nullable(),
  order_type: z.string().nullable(),
});

/** One order in a workflow's history. @public */
export type WorkflowOrderListItem = z.infer<typeof workflowOrderListItemSchema>;

/**
 * Everything known about one order, and when it expires: the order detail.
 *
 * @public
 */
export const workflowOrderDetailSchema = workflowOrderListItemSchema.extend({
  workflow_name: z.string().nullable(),
  asset_type: z.string().nullable(),
  trigger_close: z.number().nullable(),
  execution_context: z.string().nullable(),
  expires_at: isoTime,
});

/** Everything known about one order. @public */
export type WorkflowOrderDetail = z.infer<typeof workflowOrderDetailSchema>;

/**
 * A page of a workflow's order history, newest first (oldest first with `sort=oldest`).
 * `total_count` counts every order in the retention window that matches the filters, exactly the
 * orders the pages list, so the two always agree; `next_cursor` is null on the last page. When
 * `total_count_exact` is false, `total_count` is a lower bound (the window held more orders than
 * one count reads; show it as "1,000+"); absent (older backends) or true, it is exact. Every page
 * of one walk answers the first page's count.
 *
 * @public
 */
export const workflowOrderHistoryResponseSchema = z.object({
  workflow_id: z.string(),
  orders: z.array(workflowOrderListItemSchema),
  total_count: z.number().int().min(0),
  total_count_exact: z.boolean().optional(),
  limit: z.number().int(),
  next_cursor: z.string().nullable(),
});

/** A page of a workflow's order history. @public */
export type WorkflowOrderHistoryResponse = z.infer<
  typeof workflowOrderHistoryResponseSchema
>;

/**
 * The latest order of one workflow, a row of the Workflow orders page: a history row with the
 * workflow's name as the order stored it (null when its writer left it out).
 *
 * @public
 */
export const latestOrderItemSchema = workflowOrderListItemSchema.extend({
  workflow_name: z.string().nullable(),
});

/** The latest order of one workflow. @public */
export type LatestOrderItem = z.infer<typeof latestOrderItemSchema>;

/**
 * A page of `GET /latest-orders`: the latest order of each workflow the caller may see that placed
 * one in the retention window and matches the filters, newest first, one row per workflow.
 * `next_cursor` is null on the last page.
 *
 * @public
 */
export const latestOrdersResponseSchema = z.object({
  orders: z.array(latestOrderItemSchema),
  limit: z.number().int(),
  next_cursor: z.string().nullable(),
});

/** A page of `GET /latest-orders`. @public */
export type LatestOrdersResponse = z.infer<typeof latestOrdersResponseSchema>;

/**
 * The last order of one workflow, as the workflows list shows it; every `last_order_*` is null when the
 * workflow placed no order in the retention window. With a `last_order_timestamp`, another field is
 * null when the order's writer did not store it.
 *
 * @public
 */
export const workflowOrderSummarySchema = z.object({
  workflow_id: z.string(),
  last_order_timestamp: isoTime.nullable(),
  last_order_direction: z.enum(ORDER_DIRECTIONS).nullable(),
  last_order_quantity: z.number().nullable(),
  last_order_price: z.number().nullable(),
  last_order_code: z.string().nullable(),
});

/** The last order of one workflow. @public */
export type WorkflowOrderSummary = z.infer<typeof workflowOrderSummarySchema>;

/**
 * Body of `POST /summaries`: the workflows of one page of the list.
 *
 * @public
 */
export const summariesRequestSchema = z.strictObject({
  workflow_ids: z
    .array(workflowIdSchema, { error: 'must be an array of workflow ids' })
    .min(1, { error: 'must name at least one workflow' })
    .max(MAX_SUMMARY_WORKFLOWS, {
      error: `must name at most ${MAX_SUMMARY_WORKFLOWS} workflows`,
    }),
});

/** Body of `POST /summaries`. @public */
export type SummariesRequest = z.input<typeof summariesRequestSchema>;

/**
 * Answer of `POST /summaries`, in the order of the request. A summary is null for a workflow the
 * caller may not see, exactly as for one that does not exist.
 *
 * @public
 */
export const summariesResponseSchema = z.object({
  summaries: z.array(workflowOrderSummarySchema.nullable()),
});

/** Answer of `POST /summaries`. @public */
export type SummariesResponse = z.infer<typeof summariesResponseSchema>;

/** Orders placed on one UTC day. @public */
export const dailyCountSchema = z.object({
  date: z.iso.date(),
  count: z.number().int().min(0),
});

/** Orders placed on one UTC day. @public */
export type DailyCount = z.infer<typeof dailyCountSchema>;

/**
 * A workflow's activity for its Last order card: the count in the window, the last order, and the
 * number of orders on each of the last 7 days (oldest first, today last).
 *
 * @public
 */
export const workflowActivitySchema = z.object({
  workflow_id: z.string(),
  total_count: z.number().int().min(0),
  last_order: workflowOrderListItemSchema.nullable(),
  daily_counts: z.array(dailyCountSchema),
});

/** A workflow's activity for its Last order card. @public */
export type WorkflowActivity = z.infer<typeof workflowActivitySchema>;

/** Answer of `GET /health`. @public */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  dynamodb: z.object({
    reachable: z.boolean(),
    table: z.string(),
    message: z.string().optional(),
  }),
});

/** Answer of `GET /health`. @public */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
