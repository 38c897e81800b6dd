import {
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ordersTable } from '../table';
import {
  getGuard,
  pointGuardAt,
  putGuardIfAbsent,
  type OrderKey,
} from './guardItems';
import {
  getItem,
  putItemIfAbsent,
  type OrderToWrite,
  type TableItem,
} from './items';
import {
  indexLatestOrderItem,
  readLatestOrderItems,
  writeLatestOrderItem,
} from './latestOrderItems';
import { sendOnce, type RequestRunner, type Sent } from './RequestRunner';

/** Options of {@link OrdersTablePersistence}. @public */
export interface OrdersTablePersistenceOptions {
  /** The document client to send requests with. */
  readonly client: DynamoDBDocumentClient;
  /** Name of the table. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
}

const { partitionKey, sortKey } = ordersTable;

/**
 * Stores and reads the items of the orders table: guards, orders and latest-order items. The only
 * code that builds their DynamoDB requests; what the requests mean is the protocol's business.
 * Each method sends its requests with `run`, the caller's retries (once each by default).
 *
 * @public
 */
export class OrdersTablePersistence {
  /** The table the requests go to. */
  readonly tableName: string;
  readonly #client: DynamoDBDocumentClient;

  constructor(options: OrdersTablePersistenceOptions) {
    this.#client = options.client;
    this.tableName = options.tableName ?? ordersTable.defaultName;
  }

  /** Puts the guard of order `orderId`, pointing at `key`, unless the order id has one. */
  putGuardIfAbsent(
    orderId: string,
    key: OrderKey,
    run = sendOnce,
  ): Promise<Sent<'put' | 'present'>> {
    return putGuardIfAbsent(this.#target(run), orderId, key);
  }

  /** Where the guard of order `orderId` points, if it has one. */
  getGuard(orderId: string, run = sendOnce): Promise<OrderKey | undefined> {
    return getGuard(this.#target(run), orderId);
  }

  /** Points the guard of order `orderId` at `to` if it still points at `from`. */
  pointGuardAt(
    orderId: string,
    from: number,
    to: number,
    run = sendOnce,
  ): Promise<'moved' | 'notAtFrom'> {
    return pointGuardAt(this.#target(run), orderId, from, to);
  }

  /** Puts an order item (keyed by its `workflow_id` and `placed_at`) unless an item is at its key. */
  putOrderIfAbsent(
    order: TableItem,
    run = sendOnce,
  ): Promise<Sent<'put' | 'present'>> {
    return putItemIfAbsent(this.#target(run), order);
  }

  /** The item stored at `key`, if any. */
  getOrderAt(key: OrderKey, run = sendOnce): Promise<TableItem | undefined> {
    return getItem(this.#target(run), {
      [partitionKey]: key.workflowId,
      [sortKey]: key.placedAt,
    });
  }

  /** The latest `placed_at` of a workflow's items between `from` and `to`, both included. */
  async lastPlacedAtBetween(
    workflowId: string,
    from: number,
    to: number,
    run = sendOnce,
  ): Promise<number | undefined> {
    const command = new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression:
        '#workflow_id = :workflow_id AND #placed_at BETWEEN :from AND :to',
      ExpressionAttributeNames: {
        '#workflow_id': partitionKey,
        '#placed_at': sortKey,
      },
      ExpressionAttributeValues: {
        ':workflow_id': workflowId,
        ':from': from,
        ':to': to,
      },
      ProjectionExpression: '#placed_at',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    const { value } = await run(abortSignal =>
      this.#client.send(command, { abortSignal }),
    );
    const found = value.Items?.[0]?.[sortKey];
    return found === undefined ? undefined : Number(found);
  }

  /**
   * The latest-order writer: makes `order`, a stored order item, its workflow's latest order unless
   * it holds this order or a newer one already (`current`). Repeating it changes nothing.
   */
  writeLatestOrder(
    order: OrderToWrite,
    run = sendOnce,
  ): Promise<'written' | 'current'> {
    return writeLatestOrderItem(this.#target(run), order);
  }

  /**
   * Puts the latest-order item of `workflowId` in the `latest-orders-index` if it was written before
   * the index existed (`indexed`); `unchanged` when it is there already or holds no order.
   */
  indexLatestOrder(
    workflowId: string,
    run = sendOnce,
  ): Promise<'indexed' | 'unchanged'> {
    return indexLatestOrderItem(this.#target(run), workflowId);
  }

  /**
   * The latest-order reader: the latest-order item of each workflow, a hundred per BatchGetItem
   * request with unprocessed keys asked for again, or `undefined` for a workflow without one.
   */
  readLatestOrders(
    workflowIds: readonly string[],
    run = sendOnce,
  ): Promise<Map<string, TableItem | undefined>> {
    return readLatestOrderItems(this.#target(run), workflowIds);
  }

  /** One page of the items placed at `oldest` or later: orders, not guards or latest-order items. */
  async scanPlacedSince(
    oldest: number,
    startKey?: TableItem,
  ): Promise<{ items: TableItem[]; nextKey?: TableItem }> {
    const page = await this.#client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#placed_at >= :oldest',
        ExpressionAttributeNames: { '#placed_at': sortKey },
        ExpressionAttributeValues: { ':oldest': oldest },
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: page.Items ?? [], nextKey: page.LastEvaluatedKey };
  }

  /**
   * One page of one segment of a parallel Scan of the items placed at `oldest` or later, with the
   * capacity it consumed when DynamoDB says (`ReturnConsumedCapacity: 'TOTAL'`) and the items it
   * evaluated before the filter, which is what a Scan pays for.
   */
  async scanSegmentPage(request: {
    readonly oldest: number;
    readonly segment: number;
    readonly totalSegments: number;
    readonly startKey?: TableItem;
    readonly limit?: number;
    readonly abortSignal?: AbortSignal;
  }): Promise<{
    items: TableItem[];
    nextKey?: TableItem;
    scannedCount: number;
    consumedCapacity?: number;
  }> {
    const page = await this.#client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#placed_at >= :oldest',
        ExpressionAttributeNames: { '#placed_at': sortKey },
        ExpressionAttributeValues: { ':oldest': request.oldest },
        ExclusiveStartKey: request.startKey,
        Limit: request.limit,
        Segment: request.segment,
        TotalSegments: request.totalSegments,
        ReturnConsumedCapacity: 'TOTAL',
      }),
      { abortSignal: request.abortSignal },
    );
    return {
      items: page.Items ?? [],
      nextKey: page.LastEvaluatedKey,
      scannedCount: page.ScannedCount ?? page.Items?.length ?? 0,
      consumedCapacity: page.ConsumedCapacity?.CapacityUnits,
    };
  }

  #target(run: RequestRunner) {
    return { client: this.#client, tableName: this.tableName, run };
  }
}
