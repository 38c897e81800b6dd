import { InputError } from '@backstage/errors';
import {
  MAX_HISTORY_LIMIT,
  orderIdSchema,
  workflowIdSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { z } from 'zod';
import { MAX_CURSOR_LENGTH } from './cursor';

const limitMessage = `must be between 1 and ${MAX_HISTORY_LIMIT}`;

/** `:workflowId` of a path. */
export const workflowParamsSchema = z.object({ workflowId: workflowIdSchema });

/** `:orderId` of a path. */
export const orderParamsSchema = z.object({ orderId: orderIdSchema });

/** Query of a history page: `limit` and `cursor`, each at most once. */
export const historyQuerySchema = z.strictObject({
  limit: z
    .string({ error: limitMessage })
    .refine(
      value =>
        /^\d{1,3}$/.test(value) && +value >= 1 && +value <= MAX_HISTORY_LIMIT,
      { error: limitMessage },
    )
    .transform(Number)
    .optional(),
  cursor: z
    .string({ error: 'must be given once' })
    .min(1, { error: 'must not be empty' })
    .max(MAX_CURSOR_LENGTH, {
      error: `must be at most ${MAX_CURSOR_LENGTH} characters`,
    })
    .optional(),
});

/** Query of the routes that take none. */
export const noQuerySchema = z.strictObject({});

/**
 * Parses `value` or throws an `InputError` naming what is wrong, such as `workflowId must be a UUID`,
 * `limit must be between 1 and 100` or `unknown field colour`.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  subject: 'path parameter' | 'query parameter' | 'field',
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map(issue => {
    if (issue.code === 'unrecognized_keys') {
      const plural = issue.keys.length > 1 ? 's' : '';
      return `unknown ${subject}${plural} ${issue.keys.slice(0, 5).join(', ')}`;
    }
    const path = issue.path.join('.');
    return path ? `${path} ${issue.message}` : issue.message;
  });
  throw new InputError(problems.join('; '));
}
