import type { LoggerService } from '@backstage/backend-plugin-api';
import { describeIssues } from '@workflow-orders/plugin-workflow-orders-common';
import {
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

// The filters' rule is the contract's (matchesOrderFilters); the history's modules take the type here.
export type { OrderFilters } from '@workflow-orders/plugin-workflow-orders-common';
