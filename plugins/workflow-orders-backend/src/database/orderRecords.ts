import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  describeIssues,
  ordersTable,
  workflowOrderRecordSchema,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';

/** Reads stored items as order records, leaving out the malformed ones with a warning. */
export type OrderRecordReader = (
  items: readonly Record<string, unknown>[],
) => WorkflowOrderRecord[];

function problemOf(item: Record<string, unknown>) {
  const parsed = workflowOrderRecordSchema.safeParse(item);
  if (!parsed.success) return { problem: describeIssues(parsed.error) };
  // A time past what a Date can hold would make the whole answer unwritable.
  if (!Number.isFinite(new Date(parsed.data.placed_at * 1000).getTime())) {
    return { problem: 'placed_at: is not a date' };
  }
  return { record: parsed.data };
}

/**
 * Makes a reader that validates items with the lenient record schema (integer times, enum names in
 * any case, missing optional fields are fine). A malformed item never fails a page: it is left out,
 * logged, and counted in `skippedRecords`.
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
        `Left out a malformed order record of table ${options.tableName}: ${problem}`,
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
