import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  OrdersTablePersistence,
  ordersTable,
  type TableItem,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import type { OrderRecordReader } from './orderRecords';

type Item = TableItem;

/** The order a latest-order item holds, unless it is malformed or belongs elsewhere. */
function orderOfLatestItem(
  workflowId: string,
  item: Item,
  readRecords: OrderRecordReader,
): WorkflowOrderRecord | undefined {
  const { orderAttribute, placedAtAttribute } = ordersTable.latest;
  const placedAt = item[placedAtAttribute];
  const order = item[orderAttribute];
  if (typeof placedAt !== 'number' || typeof order !== 'object' || !order) {
    return undefined;
  }
  const [record] = readRecords([order as Item]);
  if (record?.workflow_id !== workflowId || record.placed_at !== placedAt) {
    return undefined;
  }
  return record;
}

/**
 * The orders the recorder's latest-order items hold, by workflow id, read with BatchGetItem. A
 * workflow is missing when it has no item that can be trusted (none, a malformed one, or one whose
 * order belongs elsewhere); its items' orders may be older than the retention window.
 */
export async function readLatestOrders(options: {
  documents: DynamoDBDocumentClient;
  tableName: string;
  workflowIds: readonly string[];
  readRecords: OrderRecordReader;
  translate: (error: unknown, action: string) => Error;
}): Promise<Map<string, WorkflowOrderRecord>> {
  const { documents, tableName, workflowIds, readRecords, translate } = options;
  // The table package's reader: 100 ids per BatchGetItem, unprocessed keys asked for again.
  const items = await new OrdersTablePersistence({
    client: documents,
    tableName,
  })
    .readLatestOrders(workflowIds)
    .catch(error => {
      throw translate(error, 'reading the last orders of workflows');
    });
  const orders = new Map<string, WorkflowOrderRecord>();
  for (const [workflowId, item] of items) {
    if (!item) continue;
    const order = orderOfLatestItem(workflowId, item, readRecords);
    if (order) orders.set(workflowId, order);
  }
  return orders;
}
