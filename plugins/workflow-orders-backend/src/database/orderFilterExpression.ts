import {
  MAX_ORDER_ID_LENGTH,
  type OrderFilters,
} from '@workflow-orders/plugin-workflow-orders-common';
import { ordersTable, workflowOrderRecordSchema } from '@workflow-orders/table';

/** The parts of a Query that select what a history page may list, and its count counts. */
export interface OrderSelection {
  readonly KeyConditionExpression: string;
  readonly FilterExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, unknown>;
}

/** Case variants of a code at most: 2^6, every variant of a code with up to 6 letters. */
const MAX_CODE_VARIANTS = 64;
/** Operands one `IN` takes at most in DynamoDB. */
const MAX_IN_OPERANDS = 100;
/**
 * The latest `placed_at` the record schema reads: it refuses 1e10 and later (milliseconds by
 * mistake). The largest double below 1e10 with microseconds, which is how times are stored.
 */
const LATEST_PLACED_AT = 9_999_999_999.999998;

/** Every spelling of `word` with each letter in either case. */
function caseVariants(word: string): string[] {
  let variants = [''];
  for (const char of word) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    variants = variants.flatMap(prefix =>
      lower === upper ? [prefix + char] : [prefix + lower, prefix + upper],
    );
  }
  return variants;
}

const readDirection = (value: string) =>
  workflowOrderRecordSchema.shape.order_direction.parse(value);

/**
 * The stored spellings the record schema reads as each direction: the case variants of `BUY` and
 * `SELL` it accepts (`Sell`, `sell`, `SELl`; not `sELL`, which it reads as `S_ELL`), taken from the
 * schema itself so the two cannot drift.
 */
const DIRECTION_SPELLINGS = {
  BUY: caseVariants('BUY').filter(v => readDirection(v) === 'BUY'),
  SELL: caseVariants('SELL').filter(v => readDirection(v) === 'SELL'),
} as const;

/**
 * The stored spellings a code filter (normalized, so in upper case) matches. Every case variant when
 * the code has at most 6 letters; for a longer code, the spellings writers use: upper case, lower
 * case, and each letter run capitalised (`Dax.I`, `Fra40.I`).
 */
export function codeSpellings(code: string): string[] {
  const letters = [...code].filter(c => c.toLowerCase() !== c.toUpperCase());
  if (2 ** letters.length <= MAX_CODE_VARIANTS) return caseVariants(code);
  const lower = code.toLowerCase();
  const capitalised = lower.replace(
    /(^|[^\p{L}])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
  return [...new Set([code, lower, capitalised])];
}

/** `#name IN (:prefix0, ...)`, split into several INs ORed when there are more than 100 values. */
function inList(
  name: string,
  prefix: string,
  values: readonly string[],
  into: Record<string, unknown>,
): string {
  const groups: string[] = [];
  for (let start = 0; start < values.length; start += MAX_IN_OPERANDS) {
    const placeholders = values
      .slice(start, start + MAX_IN_OPERANDS)
      .map((value, offset) => {
        const placeholder = `:${prefix}${start + offset}`;
        into[placeholder] = value;
        return placeholder;
      });
    groups.push(`${name} IN (${placeholders.join(', ')})`);
  }
  return groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
}

/**
 * The key condition and filter of a workflow's history in the window from `oldest` (epoch
 * seconds): the orders a page can show (the record schema's rule for the keys) that match the
 * filters, so a `Select: 'COUNT'` with it counts what the pages list.
 *
 * Exact for what writers store, with these differences from the record schema, which DynamoDB
 * expressions cannot state:
 * - an `id` holding a character outside printable ASCII other than the space (a tab, `é`) passes
 *   the filter but is not listed (the reader leaves it out), so it is counted and not listed;
 * - a direction or code stored with surrounding spaces (`' BUY'`) is neither listed nor counted
 *   when that filter is set (the schema would trim it);
 * - a code filter with more than 6 letters matches the spellings of {@link codeSpellings} only, in
 *   the pages and the count alike.
 */
export function historySelection(
  workflowId: string,
  oldest: number,
  filters: OrderFilters = {},
  latest = LATEST_PLACED_AT,
): OrderSelection {
  const names: Record<string, string> = {
    '#workflow_id': ordersTable.partitionKey,
    '#placed_at': ordersTable.sortKey,
    '#id': ordersTable.idIndex.partitionKey,
  };
  const values: Record<string, unknown> = {
    ':workflow_id': workflowId,
    ':oldest': oldest,
    ':latest': latest,
    ':string': 'S',
    ':shortest_id': 1,
    ':longest_id': MAX_ORDER_ID_LENGTH,
    ':space': ' ',
  };
  const conditions = [
    'attribute_type(#id, :string)',
    'size(#id) BETWEEN :shortest_id AND :longest_id',
    'NOT contains(#id, :space)',
  ];
  if (filters.direction !== undefined) {
    names['#direction'] = 'order_direction';
    conditions.push(
      inList('#direction', 'd', DIRECTION_SPELLINGS[filters.direction], values),
    );
  }
  if (filters.code !== undefined) {
    names['#code'] = 'order_code';
    conditions.push(inList('#code', 'c', codeSpellings(filters.code), values));
  }
  return {
    KeyConditionExpression:
      '#workflow_id = :workflow_id AND #placed_at BETWEEN :oldest AND :latest',
    FilterExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
