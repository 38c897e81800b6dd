import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from './mapWithConcurrency';
import {
  ORDER_RETENTION_SECONDS,
  workflowOrderRecordSchema,
} from './orderRecord';
import type { OrderToWrite, TableItem } from './protocol/items';
import { OrdersTablePersistence } from './protocol/OrdersTablePersistence';
import { ordersTable } from './table';

/** Options of {@link backfillLatestOrders}. @public */
export interface BackfillLatestOrdersOptions {
  /** The client to use (its endpoint and region decide which table is read). */
  readonly client: DynamoDBClient;
  /** Name of the table. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
  /** The current time in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
}

/** What {@link backfillLatestOrders} found and did. @public */
export interface BackfillLatestOrdersResult {
  /** The table that was read. */
  readonly tableName: string;
  /** Readable orders of the last 7 days. */
  readonly orders: number;
  /** Items of the last 7 days that are not readable orders, left alone. */
  readonly malformed: number;
  /** Workflows with at least one readable order. */
  readonly workflows: number;
  /** Latest-order items written: missing, or older than the workflow's newest order. */
  readonly written: number;
  /** Latest-order items that held the newest order already. */
  readonly current: number;
  /**
   * Of those, items written before the `latest-orders-index` existed, now put in it (the index key
   * set where it was missing).
   */
  readonly indexed: number;
}

/** Latest-order updates in flight at once. */
const CONCURRENCY = 8;

/**
 * Writes the latest-order item of every workflow whose newest order of the last 7 days is not in it:
 * workflows whose orders came from another writer (the original engine, the AWS CLI), and workflows
 * where another writer added a newer order than the recorder's; and puts the items that are current
 * but were written before the `latest-orders-index` existed in that index. Reads the table with a Scan, so it is
 * an operator's tool to run once after moving from the original engine, not something to schedule.
 * Each write is the recorder's own latest-order writer, so it never replaces a newer order and is
 * safe to run while engines record.
 *
 * @public
 */
export async function backfillLatestOrders(
  options: BackfillLatestOrdersOptions,
): Promise<BackfillLatestOrdersResult> {
  const persistence = new OrdersTablePersistence({
    client: DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
      // Other writers may store numbers past double precision; read them rather than stop.
      unmarshallOptions: { wrapNumbers: value => Number(value) },
    }),
    tableName: options.tableName,
  });
  const now = (options.now ?? Date.now)() / 1000;
  const { partitionKey, sortKey, guard } = ordersTable;

  const newest = new Map<string, TableItem>();
  let orders = 0;
  let malformed = 0;
  let startKey: TableItem | undefined;
  do {
    // Orders of the window only: guards and latest-order items sit at sort key 0.
    const page = await persistence.scanPlacedSince(
      now - ORDER_RETENTION_SECONDS,
      startKey,
    );
    for (const item of page.items) {
      const workflowId = String(item[partitionKey]);
      if (workflowId.startsWith(guard.partitionPrefix)) continue;
      const parsed = workflowOrderRecordSchema.safeParse(item);
      if (!parsed.success) {
        malformed += 1;
        continue;
      }
      orders += 1;
      const known = newest.get(workflowId);
      if (!known || Number(known[sortKey]) < parsed.data.placed_at) {
        newest.set(workflowId, item);
      }
    }
    startKey = page.nextKey;
  } while (startKey);

  const outcomes = await mapWithConcurrency(
    [...newest.values()],
    CONCURRENCY,
    async item => {
      // A readable order: its record schema checked the id and the keys.
      const outcome = await persistence.writeLatestOrder(item as OrderToWrite);
      // A written item has the index key; a current one may predate the index.
      const index =
        outcome === 'current'
          ? await persistence.indexLatestOrder(String(item[partitionKey]))
          : 'unchanged';
      return { outcome, index };
    },
  );
  const written = outcomes.filter(
    ({ outcome }) => outcome === 'written',
  ).length;

  return {
    tableName: persistence.tableName,
    orders,
    malformed,
    workflows: newest.size,
    written,
    current: outcomes.length - written,
    indexed: outcomes.filter(({ index }) => index === 'indexed').length,
  };
}
