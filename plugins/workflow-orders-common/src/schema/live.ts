import { workflowIdSchema } from '@workflow-orders/order-vocabulary';
import { z } from 'zod';
import { latestOrderItemSchema, workflowOrderListItemSchema } from './api';

/** Orders tabs one browser may ask to be pushed the new orders of. @public */
export const MAX_LIVE_TABS = 10;

/**
 * The new orders of a workflow whose Orders tab a browser shows: every order placed after `since`
 * (the workflow's latest order before them), newest first, as its history lists them.
 *
 * @public
 */
export const liveTabOrdersSchema = z.object({
  since: z.string(),
  orders: z.array(workflowOrderListItemSchema),
});

/** New orders of a shown Orders tab. @public */
export type LiveTabOrders = z.infer<typeof liveTabOrdersSchema>;

/**
 * The signals channel on which the backend tells browsers that orders changed. Its messages
 * ({@link LiveOrdersHint}) go to the users whose browsers watch (they asked `GET /live/changes`
 * within the lease), each carrying only the changes that user may see: nothing of a workflow a
 * user may not see reaches their browser, not even its id.
 *
 * @public
 */
export const LIVE_ORDERS_CHANNEL = 'workflow-orders:changes';

/**
 * A message on {@link LIVE_ORDERS_CHANNEL}: the backend's change sequence moved to `sequence`. With
 * `after` and `changes`, it carries the changes from `after` to `sequence` that the recipient may
 * see (possibly none), so a browser that had read up to `after` applies them without asking; any
 * other browser, or a message without them, asks `GET /live/changes`.
 *
 * @public
 */
export const liveOrdersHintSchema = z.object({
  type: z.literal('orders-changed'),
  /** The backend instance's change sequence after the change; compare it with the last one read. */
  sequence: z.number().int().nonnegative(),
  /** The sequence the carried changes follow. */
  after: z.number().int().nonnegative().optional(),
  /** The changes after `after` the recipient may see, newest first, as `GET /live/changes` answers. */
  changes: z.array(latestOrderItemSchema).optional(),
  /**
   * For the Orders tabs the recipient's browser shows (`tab` of `GET /live/changes`) whose
   * workflow is among the changes: their new orders, by workflow id. A tab that shows the orders
   * up to `since` adds them at its top without asking; any other loads its page again.
   */
  tabs: z.record(z.string(), liveTabOrdersSchema).optional(),
});

/** A hint that orders changed. @public */
export type LiveOrdersHint = z.infer<typeof liveOrdersHintSchema>;

/**
 * `GET /live/changes?after=<sequence>`: the workflows whose latest order changed after `after`, each
 * with its new latest order, only those the caller may see, newest first. `sequence` is where the
 * next request continues from. `complete: false` means the backend no longer holds every change
 * after `after` (the browser slept, or the backend restarted): reload what is shown instead.
 * `interval_seconds` is how often the backend looks for new orders.
 *
 * @public
 */
export const liveChangesResponseSchema = z.object({
  sequence: z.number().int().nonnegative(),
  complete: z.boolean(),
  interval_seconds: z.number().positive(),
  changes: z.array(latestOrderItemSchema),
});

/** The answer of `GET /live/changes`. @public */
export type LiveChangesResponse = z.infer<typeof liveChangesResponseSchema>;

/**
 * The query of `GET /live/changes`: `after`, the last sequence the browser read (absent: only the
 * current sequence is answered, with no changes); `tab`, once per Orders tab the browser shows (at
 * most {@link MAX_LIVE_TABS}), the workflows whose new orders its pushes should carry.
 *
 * @public
 */
export const liveChangesQuerySchema = z.strictObject({
  after: z
    .string({ error: 'must be a sequence number' })
    .regex(/^\d{1,15}$/, { error: 'must be a sequence number' })
    .transform(Number)
    .optional(),
  tab: z
    .preprocess(
      value => (typeof value === 'string' ? [value] : value),
      z
        .array(workflowIdSchema, { error: 'must be workflow ids' })
        .max(MAX_LIVE_TABS, {
          error: `must name at most ${MAX_LIVE_TABS} workflows`,
        }),
    )
    .optional(),
});

/** Query of `GET /live/changes`, as parsed. @public */
export type LiveChangesQuery = z.output<typeof liveChangesQuerySchema>;
