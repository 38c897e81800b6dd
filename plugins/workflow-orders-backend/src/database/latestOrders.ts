import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  latestOrderKeyOf,
  ordersTable,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import type { OrderRecordReader } from './orderRecords';

/** Keys in one BatchGetItem request, DynamoDB's limit. */
const BATCH_GET_KEYS = 100;
/** Times keys that DynamoDB left unprocessed are asked for again before they are queried instead. */
const UNPROCESSED_ROUNDS = 3;

type Item = Record<string, unknown>;

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The latest-order items the recorder keeps for these workflows, by workflow id, a hundred per
 * BatchGetItem request, all in parallel. Workflows without one, or whose keys stay unprocessed, are
 * missing from the map.
 */
async function readLatestOrderItems(options: {
  documents: DynamoDBDocumentClient;
  tableName: string;
  workflowIds: readonly string[];
  translate: (error: unknown, action: string) => Error;
}): Promise<Map<string, Item>> {
  const { documents, tableName, workflowIds, translate } = options;
  const { partitionKey, latest } = ordersTable;
  const found = new Map<string, Item>();
  const chunks: string[][] = [];
  for (let start = 0; start < workflowIds.length; start += BATCH_GET_KEYS) {
    chunks.push(workflowIds.slice(start, start + BATCH_GET_KEYS));
  }
  const readChunk = async (chunk: string[]) => {
    let keys: Item[] | undefined = chunk.map(latestOrderKeyOf);
    for (let round = 0; keys?.length && round <= UNPROCESSED_ROUNDS; round++) {
      if (round > 0) await delay(25 * 2 ** round);
      const result: BatchGetCommandOutput = await documents
        .send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: keys,
                ProjectionExpression: '#workflow_id, #order, #order_placed_at',
                ExpressionAttributeNames: {
                  '#workflow_id': partitionKey,
                  '#order': latest.orderAttribute,
                  '#order_placed_at': latest.placedAtAttribute,
                },
              },
            },
          }),
        )
        .catch(error => {
          throw translate(error, 'reading the last orders of workflows');
        });
      for (const item of result.Responses?.[tableName] ?? []) {
        found.set(String(item[partitionKey]), item);
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  };
  await Promise.all(chunks.map(readChunk));
  return found;
}

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
  const items = await readLatestOrderItems(options);
  const orders = new Map<string, WorkflowOrderRecord>();
  for (const [workflowId, item] of items) {
    const order = orderOfLatestItem(workflowId, item, options.readRecords);
    if (order) orders.set(workflowId, order);
  }
  return orders;
}
