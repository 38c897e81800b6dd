import {
  ORDER_DIRECTIONS,
  ORDER_TYPES,
  orderIdSchema,
  workflowIdSchema,
} from '@workflow-orders/order-vocabulary';
import { z } from 'zod';

// The stored record and the recorder's input. The order vocabulary they are made of (directions,
// types, ids, retention, issue messages) has one home, the API contract package, which this package
// imports and never the reverse; it is re-exported for the table's modules that read it from here.
export {
  ORDER_DIRECTIONS,
  ORDER_RETENTION_SECONDS,
  ORDER_TYPES,
  describeIssues,
  expiryOf,
  orderIdSchema,
  workflowIdSchema,
} from '@workflow-orders/order-vocabulary';

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
