import { z } from 'zod';

/** The two sides of an order. @public */
export const ORDER_DIRECTIONS = ['BUY', 'SELL'] as const;

/** Order types the trading engine places. @public */
export const ORDER_TYPES = [
  'LIMIT',
  'OPEN_STOP',
  'STOP',
  'STOP_LIMIT',
  'MARKET',
  'OCO',
] as const;

/** BUY or SELL. @public */
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** One of {@link ORDER_TYPES}. @public */
export type OrderType = (typeof ORDER_TYPES)[number];

/** A type error that says "is required" when the field is missing. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`;
}

const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True when the value has the 8-4-4-4-12 hex form of a UUID. @public */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/**
 * A workflow id as ids are compared, kept and sent: in lower case, so `550E8400-…` and `550e8400-…`
 * are one workflow whoever wrote it (an engine, a catalog annotation, a URL).
 *
 * @public
 */
export function normalizeWorkflowId(workflowId: string): string {
  return workflowId.toLowerCase();
}

/**
 * An asset code as codes are compared and filtered by: trimmed and in upper case, so `dax.i`,
 * ` DAX.I ` and `Dax.I` are one code, whether stored, typed or in a URL.
 *
 * @public
 */
export function normalizeAssetCode(code: string): string {
  return code.trim().toUpperCase();
}

/** A workflow id: a UUID, compared in lower case ({@link normalizeWorkflowId}). @public */
export const workflowIdSchema = z
  .string({ error: expected('a string') })
  .regex(UUID_PATTERN, { error: 'must be a UUID' })
  .transform(normalizeWorkflowId);

/** Longest order id {@link orderIdSchema} reads. @public */
export const MAX_ORDER_ID_LENGTH = 128;

/**
 * An order id. The recorder makes UUIDs; other writers (the AWS CLI test item, older engines) use
 * other printable ids, which stay readable.
 *
 * @public
 */
export const orderIdSchema = z
  .string({ error: expected('a string') })
  .min(1, { error: 'must not be empty' })
  .max(MAX_ORDER_ID_LENGTH, {
    error: `must be at most ${MAX_ORDER_ID_LENGTH} characters`,
  })
  .regex(/^[\x21-\x7e]+$/, {
    error: 'must be printable ASCII without spaces',
  });

/**
 * Describes the first problem of a failed parse as `field: message`, e.g.
 * `order_price: must be greater than 0`.
 *
 * @public
 */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map(issue => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      }
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
