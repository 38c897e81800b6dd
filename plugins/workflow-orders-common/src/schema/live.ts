import { z } from 'zod';
import { latestOrderItemSchema } from './api';

/**
 * The signals channel on which the backend tells browsers that orders changed. Its messages are
 * hints ({@link LiveOrdersHint}) sent to every signed-in browser: they name no workflow and no
 * order, so nothing of a workflow a user may not see reaches their browser. A browser turns a hint
 * into `GET /live/changes`, which answers only what the caller may see.
 *
 * @public
 */
export const LIVE_ORDERS_CHANNEL = 'workflow-orders:changes';

/**
 * A hint on {@link LIVE_ORDERS_CHANNEL}: the backend's change sequence moved to `sequence`.
 *
 * @public
 */
export const liveOrdersHintSchema = z.object({
  type: z.literal('orders-changed'),
  /** The backend instance's change sequence after the change; compare it with the last one read. */
  sequence: z.number().int().nonnegative(),
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
 * current sequence is answered, with no changes).
 *
 * @public
 */
export const liveChangesQuerySchema = z.strictObject({
  after: z
    .string({ error: 'must be a sequence number' })
    .regex(/^\d{1,15}$/, { error: 'must be a sequence number' })
    .transform(Number)
    .optional(),
});

/** Query of `GET /live/changes`, as parsed. @public */
export type LiveChangesQuery = z.output<typeof liveChangesQuerySchema>;
