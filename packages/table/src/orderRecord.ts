import { z } from 'zod';

// The field vocabulary of stored records. The API contract in
// @workflow-orders/plugin-workflow-orders-common has its own copy for the frontend, which must not
// load this package; vocabulary.test.ts keeps the two equal.

/**
 * How long an order is kept: DynamoDB's TTL deletes a record this many seconds after it was placed,
 * and every read leaves out what is older.
 *
 * @public
 */
export const ORDER_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** The two sides of an order, as stored. */
export const ORDER_DIRECTIONS = ['BUY', 'SELL'] as const;

/** Order types the trading engine places. */
export const ORDER_TYPES = [
  'LIMIT',
  'OPEN_STOP',
  'STOP',
  'STOP_LIMIT',
  'MARKET',
  'OCO',
] as const;

/** Asset classifications the engine knows; other values are kept as they are. @public */
export const KNOWN_ASSET_TYPES = [
  'CfdOnIndex',
  'CfdOnStock',
  'CfdOnFutures',
  'Stock',
  'StockIndex',
  'Etf',
  'FxSpot',
] as const;

/** A type error that says "is required" when the field is missing. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`;
}

const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A workflow id: a UUID, compared in lower case. */
export const workflowIdSchema = z
  .string({ error: expected('a string') })
  .regex(UUID_PATTERN, { error: 'must be a UUID' })
  .transform(value => value.toLowerCase());

/**
 * An order id. The recorder makes UUIDs; other writers (the AWS CLI test item, older engines) use
 * other printable ids, which stay readable.
 */
export const orderIdSchema = z
  .string({ error: expected('a string') })
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(/^[\x21-\x7e]+$/, {
    error: 'must be printable ASCII without spaces',
  });

function canonicalName(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toUpperCase();
}

/** Direction in any case (`Buy`, `buy`, `BUY`), stored as `BUY` / `SELL`. */
const orderDirectionSchema = z.preprocess(
  canonicalName,
  z.enum(ORDER_DIRECTIONS, { error: expected('BUY or SELL') }),
);

/** Order type in any case or separator style (`open-stop`, `OpenStop`), stored as `OPEN_STOP`. */
const orderTypeSchema = z.preprocess(
  canonicalName,
  z.enum(ORDER_TYPES, { error: expected(`one of ${ORDER_TYPES.join(', ')}`) }),
);

const positiveNumber = z
  .number({ error: expected('a number') })
  .refine(Number.isFinite, { error: 'must be a finite number' })
  .refine(n => n > 0, { error: 'must be greater than 0' });

const text = (max: number) =>
  z
    .string({ error: expected('a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Epoch seconds of 2286-11-20: anything later is a time given in milliseconds by mistake. */
const MAX_EPOCH_SECONDS = 10_000_000_000;

/** Epoch seconds, fractional allowed. */
const epochSecondsSchema = z
  .number({ error: expected('epoch seconds') })
  .refine(Number.isFinite, { error: 'must be a finite number' })
  .refine(n => n > 0, { error: 'must be after 1970' })
  .refine(n => n < MAX_EPOCH_SECONDS, {
    error: 'must be epoch seconds, not milliseconds',
  });

/**
 * What an engine hands to the recorder for one placed order.
 *
 * @public
 */
export const workflowOrderInputSchema = z.strictObject(
  {
    id: orderIdSchema.optional(),
    workflow_id: workflowIdSchema,
    workflow_name: text(200),
    placed_at: z
      .custom<number | Date>(
        value =>
          typeof value === 'number' ||
          (value instanceof Date && !Number.isNaN(value.getTime())),
        { error: 'must be epoch seconds or a valid Date' },
      )
      .pipe(z.union([epochSecondsSchema, z.date()]))
      .optional(),
    order_code: text(50),
    order_price: positiveNumber,
    order_quantity: positiveNumber,
    order_direction: orderDirectionSchema,
    order_type: orderTypeSchema,
    asset_type: text(50).optional(),
    trigger_close: z
      .number({ error: expected('a number') })
      .refine(Number.isFinite, { error: 'must be a finite number' })
      .refine(n => n >= 0, { error: 'must be 0 or more' })
      .optional(),
    execution_context: text(200).optional(),
  },
  { error: 'must be an object' },
);

/** Input of `record()`, before validation. @public */
export type WorkflowOrderInput = z.input<typeof workflowOrderInputSchema>;

/**
 * A field that other writers may leave out, or store in a shape this code cannot read: it reads as
 * `null` (unknown), and the record is still shown.
 */
function displayField<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .catch(null)
    .transform(value => value ?? null);
}

/**
 * The record as it is stored in the `workflow_orders` table, read as every writer stores it: the
 * recorder, the original Python engine (integer `placed_at`, enum names in any case, no
 * `workflow_name` in its first release) and people with the AWS CLI.
 *
 * A record can be shown when its keys are usable: `id`, `workflow_id` and `placed_at`. Every other
 * field is for display, and reads as `null` when it is missing or cannot be read.
 *
 * @public
 */
export const workflowOrderRecordSchema = z.object({
  id: orderIdSchema,
  workflow_id: workflowIdSchema,
  placed_at: epochSecondsSchema,
  workflow_name: displayField(text(200)),
  order_code: displayField(text(50)),
  order_price: displayField(positiveNumber),
  order_quantity: displayField(positiveNumber),
  order_direction: displayField(orderDirectionSchema),
  order_type: displayField(orderTypeSchema),
  asset_type: displayField(text(50)),
  trigger_close: displayField(
    z
      .number()
      .refine(Number.isFinite)
      .refine(n => n >= 0),
  ),
  execution_context: displayField(text(200)),
});

/** A stored order record. @public */
export type WorkflowOrderRecord = z.output<typeof workflowOrderRecordSchema>;

/** When a record placed at `placedAt` (epoch seconds) expires: whole seconds plus the retention. @public */
export function expiryOf(placedAt: number): number {
  return Math.floor(placedAt) + ORDER_RETENTION_SECONDS;
}

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
