import { z } from 'zod';
import {
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_LATEST_ORDERS_LIMIT,
  MAX_HISTORY_LIMIT,
  MAX_LATEST_ORDERS_WORKFLOWS,
} from '../constants';
import { summariesRequestSchema } from './api';
import {
  ORDER_DIRECTIONS,
  normalizeAssetCode,
  orderIdSchema,
  workflowIdSchema,
} from '@workflow-orders/order-vocabulary';

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

const limit = (defaultLimit: number) =>
  z
    .string({ error: limitMessage })
    .refine(
      value =>
        /^\d{1,3}$/.test(value) && +value >= 1 && +value <= MAX_HISTORY_LIMIT,
      { error: limitMessage },
    )
    .transform(Number)
    .default(defaultLimit);

const cursor = z
  .string({ error: 'must be given once' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_CURSOR_LENGTH, {
    error: `must be at most ${MAX_CURSOR_LENGTH} characters`,
  })
  .optional();

const directionMessage = `must be ${ORDER_DIRECTIONS.join(' or ')}`;

/** `direction=BUY|SELL`, in any case. */
const direction = z
  .string({ error: directionMessage })
  .transform(value => value.toUpperCase())
  .pipe(z.enum(ORDER_DIRECTIONS, { error: directionMessage }))
  .optional();

/** `code=<asset code>`: matched without regard to case, so it is kept as {@link normalizeAssetCode} gives it. */
const code = z
  .string({ error: 'must be given once' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(50, { error: 'must be at most 50 characters' })
  .transform(normalizeAssetCode)
  .optional();

/**
 * The orders of a history page: newest first (`newest`, the default) or oldest first (`oldest`).
 *
 * @public
 */
export const HISTORY_SORTS = ['newest', 'oldest'] as const;

/** One of {@link HISTORY_SORTS}. @public */
export type HistorySort = (typeof HISTORY_SORTS)[number];

/**
 * Query of a history page: `limit` (1 to {@link MAX_HISTORY_LIMIT}, {@link DEFAULT_HISTORY_LIMIT}
 * when absent), `cursor`, and the optional `sort` (`newest` or `oldest`), `direction` (`BUY` or
 * `SELL`, in any case) and `code` (an asset code, in any case), each at most once. Query values arrive
 * as strings; a repeated one arrives as an array and is refused. A cursor is only valid with the
 * sort and filters of the page that issued it.
 *
 * @public
 */
export const historyQuerySchema = z.strictObject({
  limit: limit(DEFAULT_HISTORY_LIMIT),
  cursor,
  sort: z
    .enum(HISTORY_SORTS, { error: `must be ${HISTORY_SORTS.join(' or ')}` })
    .default('newest'),
  direction,
  code,
});

/** Query of a history page, as parsed. @public */
export type HistoryQuery = z.output<typeof historyQuerySchema>;

const workflowIdsMessage = `must be a comma-separated list of 1 to ${MAX_LATEST_ORDERS_WORKFLOWS} workflow ids`;

/**
 * Query of a page of the Workflow orders page (`GET /latest-orders`): `limit` (1 to
 * {@link MAX_HISTORY_LIMIT}, {@link DEFAULT_LATEST_ORDERS_LIMIT} when absent), `cursor`, and the
 * optional filters `direction`, `code` and `workflow_ids` (a comma-separated list of at most
 * {@link MAX_LATEST_ORDERS_WORKFLOWS} workflow ids), each at most once. A cursor is only valid with
 * the filters of the page that issued it.
 *
 * @public
 */
export const latestOrdersQuerySchema = z.strictObject({
  limit: limit(DEFAULT_LATEST_ORDERS_LIMIT),
  cursor,
  direction,
  code,
  workflow_ids: z
    .string({ error: workflowIdsMessage })
    .transform(value => value.split(','))
    .pipe(
      z
        .array(workflowIdSchema)
        .min(1, { error: workflowIdsMessage })
        .max(MAX_LATEST_ORDERS_WORKFLOWS, { error: workflowIdsMessage }),
    )
    .optional(),
});

/** Query of a page of `GET /latest-orders`, as parsed. @public */
export type LatestOrdersQuery = z.output<typeof latestOrdersQuerySchema>;

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
