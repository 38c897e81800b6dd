import {
  describeIssues,
  workflowOrderInputSchema,
} from '@workflow-orders/table';
import { InvalidOrderError } from './errors';
import { describeOrder, type ValidOrder } from './orderItem';

/** What `record()` made of its input: a valid order, or the reason it is not one. */
export type ReadOrder =
  | { readonly order: ValidOrder; readonly error?: undefined }
  | { readonly order?: undefined; readonly error: InvalidOrderError };

const FIELDS: ReadonlySet<string> = new Set(
  Object.keys(workflowOrderInputSchema.shape),
);

/** The schema's notion of an object: arrays and functions are not orders. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an input of `record()` exactly once into a copy of its own and validates the copy, so a
 * getter or a `Proxy` trap runs at most once per field and nothing the engine changes afterwards
 * reaches the recorder. Never throws: an input that cannot be read is an invalid order.
 */
export function readOrder(input: unknown): ReadOrder {
  // No prototype: a `__proto__` key of the input stays a plain (unknown) field of the copy.
  const copy: Record<string, unknown> = Object.create(null);
  let reading = 'order';
  try {
    if (!isObject(input)) return validate(input, copy);
    // What the schema looks at: its own fields, inherited ones included, and every enumerable key.
    for (const field of FIELDS) {
      reading = field;
      if (field in input) copy[field] = copyOf(input[field]);
    }
    reading = 'order';
    for (const key in input) if (!FIELDS.has(key)) copy[key] = undefined;
    return validate(copy, copy);
  } catch (error) {
    return invalid(copy, `${reading} could not be read: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function validate(value: unknown, copy: Record<string, unknown>): ReadOrder {
  const parsed = workflowOrderInputSchema.safeParse(value);
  if (parsed.success) return { order: parsed.data };
  return invalid(copy, describeIssues(parsed.error));
}

/** A Date is mutable: the copy gets its own. Every other value the schema accepts is immutable. */
function copyOf(value: unknown): unknown {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function invalid(
  copy: Record<string, unknown>,
  reason: string,
  options?: ErrorOptions,
): ReadOrder {
  return {
    error: new InvalidOrderError(
      `${describeOrder(copy)} not recorded: ${reason}`,
      options,
    ),
  };
}

/**
 * The message of whatever was thrown, on one line and at most 200 characters; a thrown value that
 * cannot even be turned into a string is named as such instead.
 */
export function messageOf(error: unknown): string {
  try {
    const message = (error as { message?: unknown } | null | undefined)
      ?.message;
    const text = typeof message === 'string' ? message : String(error);
    return text.replace(/\s+/g, ' ').trim().slice(0, 200) || 'no message';
  } catch {
    return 'a thrown value that cannot be described';
  }
}
