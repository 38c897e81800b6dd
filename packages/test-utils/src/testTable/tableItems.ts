import {
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { latestOrderKeyOf, ordersTable } from '@workflow-orders/table';
import { everyPage } from './ordersTables';

/** The latest-order item of `workflowId` in `tableName`, read consistently. */
export async function latestItemOf(
  documents: DynamoDBDocumentClient,
  tableName: string,
  workflowId: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tableName,
      Key: latestOrderKeyOf(workflowId),
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** The order items of `workflowId` in `tableName`, oldest first, without its latest-order item. */
export function orderItemsOf(
  documents: DynamoDBDocumentClient,
  tableName: string,
  workflowId: string,
): Promise<Record<string, unknown>[]> {
  return everyPage<Record<string, unknown>>(ExclusiveStartKey =>
    documents.send(
      new QueryCommand({
        TableName: tableName,
        // Orders only: the latest-order item sits at sort key 0.
        KeyConditionExpression: '#workflow = :workflow AND #placed > :latest',
        ExpressionAttributeNames: {
          '#workflow': ordersTable.partitionKey,
          '#placed': ordersTable.sortKey,
        },
        ExpressionAttributeValues: {
          ':workflow': workflowId,
          ':latest': ordersTable.latest.sortKey,
        },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    ),
  );
}

/** Every item of `tableName`, read consistently. */
export const allItemsOf = (client: DynamoDBClient, tableName: string) =>
  everyPage<Record<string, AttributeValue>>(ExclusiveStartKey =>
    client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    ),
  );

/**
 * `item` with the longest `padding` that `sizingTable` still stores: the largest item of its shape
 * DynamoDB takes.
 */
export async function largestItemLike<T extends Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  sizingTable: string,
  item: T,
): Promise<T & { padding: string }> {
  const withPadding = (length: number) => ({
    ...item,
    padding: 'x'.repeat(length),
  });
  let [fits, tooLarge] = [1, 400 * 1024];
  while (tooLarge - fits > 1) {
    const length = Math.floor((fits + tooLarge) / 2);
    const stored = await documents
      .send(
        new PutCommand({ TableName: sizingTable, Item: withPadding(length) }),
      )
      .then(
        () => true,
        () => false,
      );
    [fits, tooLarge] = stored ? [length, tooLarge] : [fits, length];
  }
  return withPadding(fits);
}
