import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ordersTable } from '../table';
import {
  sendConditionally,
  type RequestRunner,
  type Sent,
} from './RequestRunner';

/** An item as the document client reads and writes it. @public */
export type TableItem = Record<string, unknown>;

/**
 * An order item as a writer makes it: its `workflow_id` and `placed_at` are where it asks to be
 * stored, which the protocol may move off an instant another order holds.
 *
 * @public
 */
export interface OrderToWrite {
  /** The order's id, which makes a second recording of it a no-op. */
  readonly id: string;
  /** The workflow whose partition the order goes to. */
  readonly workflow_id: string;
  /** Epoch seconds, to the microsecond: the instant the order asks to be stored at. */
  readonly placed_at: number;
  /** The order's other attributes, stored as they are. */
  readonly [attribute: string]: unknown;
}

/** The table a request goes to, and how it is sent. */
export interface Target {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly run: RequestRunner;
}

/** Puts `item` unless an item has its key: `put`, or `present` when one had. */
export function putItemIfAbsent(
  target: Target,
  item: TableItem,
): Promise<Sent<'put' | 'present'>> {
  const { client, tableName, run } = target;
  const itemKeyDoesNotExist = 'attribute_not_exists(#workflow_id)';
  const command = new PutCommand({
    TableName: tableName,
    Item: item,
    ConditionExpression: itemKeyDoesNotExist,
    ExpressionAttributeNames: { '#workflow_id': ordersTable.partitionKey },
  });
  return sendConditionally(
    run,
    abortSignal => client.send(command, { abortSignal }),
    'put',
    'present',
  );
}

/**
 * A conditional UpdateItem of the table, its request (without `TableName`) made by `requestOf`:
 * sent, it answers `done` when the condition held and the item was updated, `refused` when not.
 */
export function conditionalUpdate<I, const A, const B>(
  requestOf: (input: I) => Omit<UpdateCommandInput, 'TableName'>,
  done: A,
  refused: B,
): (target: Target, input: I) => Promise<A | B> {
  return async (target, input) => {
    const { client, tableName, run } = target;
    const command = new UpdateCommand({
      TableName: tableName,
      ...requestOf(input),
    });
    const { value } = await sendConditionally(
      run,
      abortSignal => client.send(command, { abortSignal }),
      done,
      refused,
    );
    return value;
  };
}

/** The item at `key`, read strongly consistent, as every read that guards a write is. */
export async function getItem(
  target: Target,
  key: TableItem,
): Promise<TableItem | undefined> {
  const { client, tableName, run } = target;
  const command = new GetCommand({
    TableName: tableName,
    Key: key,
    ConsistentRead: true,
  });
  const { value } = await run(abortSignal =>
    client.send(command, { abortSignal }),
  );
  return value.Item;
}
