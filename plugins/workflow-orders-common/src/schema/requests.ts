import { z } from 'zod';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from '../constants';
import { summariesRequestSchema } from './api';
import { orderIdSchema, workflowIdSchema } from './fields';

/**
 * Longest history cursor a request may carry; the ones the backend issues are about 110 characters.
 *
 * @public
 */
export const MAX_CURSOR_LENGTH = 512;

const limitMessage = `must be between 1 and ${MAX_HISTORY_LIMIT}`;

/**
 * Path parameters of `/workflows/:workflowId/...`.
 *
 * @public
 */
export const workflowParamsSchema = z.object({ workflowId: workflowIdSchema });

/**
 * Path parameters of `/orders/:orderId`.
 *
 * @public
 */
export const orderParamsSchema = z.object({ orderId: orderIdSchema });

/**
 * Query of a history page: `limit` (1 to {@link MAX_HISTORY_LIMIT}, {@link DEFAULT_HISTORY_LIMIT}
 * when absent) and `cursor`, each at most once. Query values arrive as strings; a repeated one
 * arrives as an array and is refused.
 *
 * @public
 */
export const historyQuerySchema = z.strictObject({
  limit: z
    .string({ error: limitMessage })
    .refine(
      value =>
        /^\d{1,3}$/.test(value) && +value >= 1 && +value <= MAX_HISTORY_LIMIT,
      { error: limitMessage },
    )
    .transform(Number)
    .default(DEFAULT_HISTORY_LIMIT),
  cursor: z
    .string({ error: 'must be given once' })
    .min(1, { error: 'must not be empty' })
    .max(MAX_CURSOR_LENGTH, {
      error: `must be at most ${MAX_CURSOR_LENGTH} characters`,
    })
    .optional(),
});

/** Query of a history page, as parsed. @public */
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/**
 * Query of the routes that take none.
 *
 * @public
 */
export const noQuerySchema = z.strictObject({});

/**
 * Body of `POST /summaries` as it arrives: a JSON object, then {@link summariesRequestSchema}.
 *
 * @public
 */
export const summariesBodySchema = z
  .custom<Record<string, unknown>>(
    value =>
      typeof value === 'object' && value !== null && !Array.isArray(value),
    {
      error: 'The body must be a JSON object like {"workflow_ids": ["<uuid>"]}',
    },
  )
  .pipe(summariesRequestSchema);

/**
 * Which part of a request a schema checks; it names unknown keys, as in `unknown query parameter page`.
 *
 * @public
 */
export type RequestPart = 'path parameter' | 'query parameter' | 'field';

/**
 * The message of a 400 answer for a request part that failed to parse: up to three problems, each
 * `name message`, such as `workflowId must be a UUID`, `limit must be between 1 and 100` or
 * `unknown query parameter page`.
 *
 * @public
 */
export function describeRequestIssues(
  error: z.ZodError,
  part: RequestPart,
): string {
  return error.issues
    .slice(0, 3)
    .map(issue => {
      if (issue.code === 'unrecognized_keys') {
        const plural = issue.keys.length > 1 ? 's' : '';
        return `unknown ${part}${plural} ${issue.keys.slice(0, 5).join(', ')}`;
      }
      const path = issue.path.join('.');
      return path ? `${path} ${issue.message}` : issue.message;
    })
    .join('; ');
}
