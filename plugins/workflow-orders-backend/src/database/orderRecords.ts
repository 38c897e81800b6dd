import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeIssues,
  ordersTable,
  workflowOrderRecordSchema,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';

/** Reads stored items as order records, leaving out those that cannot be shown, with a warning. */
export type OrderRecordReader = (
  items: readonly Record<string, unknown>[],
) => WorkflowOrderRecord[];

function problemOf(item: Record<string, unknown>) {
  const parsed = workflowOrderRecordSchema.safeParse(item);
  if (!parsed.success) return { problem: describeIssues(parsed.error) };
  return { record: parsed.data };
}

/**
 * Whether an item can be shown as an order: its `id`, `workflow_id` and `placed_at` are usable. What
 * is counted is decided by this too, so a count always equals what the pages list.
 */
export function isShowableOrder(item: Record<string, unknown>): boolean {
  return workflowOrderRecordSchema.safeParse(item).success;
}

/**
 * Makes a reader that reads items with the tolerant record schema: an order is shown when its keys
 * are usable, and a display field that is missing or unreadable reads as null. An item that cannot be
 * shown at all never fails a page: it is left out, logged, and counted in `skippedRecords`.
 */
export function createOrderRecordReader(options: {
  logger: LoggerService;
  tableName: string;
}): OrderRecordReader {
  let skippedRecords = 0;
  return items => {
    const records: WorkflowOrderRecord[] = [];
    for (const item of items) {
      const { record, problem } = problemOf(item);
      if (record) {
        records.push(record);
        continue;
      }
      skippedRecords += 1;
      options.logger.warn(
        `Left out an order record of table ${options.tableName} that cannot be shown: ${problem}`,
        {
          workflowId: String(item[ordersTable.partitionKey]),
          placedAt: String(item[ordersTable.sortKey]),
          skippedRecords,
        },
      );
    }
    return records;
  };
}

/** What the history and the latest orders may be filtered by: upper-case values, as the API parses them. */
export interface OrderFilters {
  /** `BUY` or `SELL`. */
  readonly direction?: 'BUY' | 'SELL';
  /** An asset code in upper case; matched without regard to case. */
  readonly code?: string;
}

/** Whether filters ask for anything: without them every order matches. */
export function hasFilters(filters: OrderFilters): boolean {
  return filters.direction !== undefined || filters.code !== undefined;
}

/**
 * Whether a readable record matches the filters. Records are compared as read: the record schema
 * reads a direction stored in any case (`Sell`, `sell`) as `SELL`, and the code is compared in upper
 * case, which a DynamoDB `FilterExpression` could not do for what other writers store.
 */
export function matchesFilters(
  record: WorkflowOrderRecord,
  filters: OrderFilters,
): boolean {
  const { direction, code } = filters;
  if (direction !== undefined && record.order_direction !== direction) {
    return false;
  }
  return code === undefined || record.order_code?.toUpperCase() === code;
}

/**
 * Whether a stored item is an order that can be shown and matches the filters: what a history page
 * lists and its count counts.
 */
export function isMatchingOrder(
  item: Record<string, unknown>,
  filters: OrderFilters,
): boolean {
  const parsed = workflowOrderRecordSchema.safeParse(item);
  return parsed.success && matchesFilters(parsed.data, filters);
}
