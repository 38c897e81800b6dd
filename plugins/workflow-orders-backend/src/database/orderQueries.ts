import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ordersTable, type WorkflowOrderRecord } from '@workflow-orders/table';
import type { HistorySort } from '@workflow-orders/plugin-workflow-orders-common';
import {
  hasFilters,
  isMatchingOrder,
  isShowableOrder,
  type OrderFilters,
  type OrderRecordReader,
} from './orderRecords';

/** Page size when the newest record of a workflow cannot be shown and older ones are searched. */
const FALLBACK_PAGE = 25;
/** Most items one Query of a filtered page reads; DynamoDB stops at 1 MB anyway. */
const MAX_FILTERED_READ = 1000;

const names = {
  '#workflow_id': ordersTable.partitionKey,
  '#placed_at': ordersTable.sortKey,
};
const inWorkflow = '#workflow_id = :workflow_id';
const notExpired = '#placed_at >= :oldest';

type Item = Record<string, unknown>;

/** What the queries need: a client, the table, the record reader and the error translation. */
export interface OrderQueriesOptions {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly readRecords: OrderRecordReader;
  /** Turns a failed call into the error callers see; `action` says what was being done. */
  readonly translate: (error: unknown, action: string) => Error;
}

/**
 * The Queries of the orders table: on a workflow's partition with the retention window (`oldest`,
 * epoch seconds) as key condition, or on the `id-index`; never a Scan.
 */
export class OrderQueries {
  constructor(private readonly options: OrderQueriesOptions) {}

  /**
   * Up to `limit` orders that can be shown and match the filters, in the order of `sort`, after the
   * order placed at `afterPlacedAt`, and whether more follow. DynamoDB applies `Limit` before any
   * filter, so a filtered page queries on from where the last Query stopped until the page is full or
   * the window ends: a page is never short while matching orders follow. The filters are applied
   * here rather than in a `FilterExpression`, which reads (and bills) the same items, because codes
   * are matched without regard to case and other writers store directions in any case.
   */
  async page(options: {
    workflowId: string;
    oldest: number;
    limit: number;
    afterPlacedAt?: number;
    sort?: HistorySort;
    filters?: OrderFilters;
  }): Promise<{ items: Item[]; more: boolean }> {
    const { workflowId, oldest, limit, afterPlacedAt } = options;
    const filters = options.filters ?? {};
    const newestFirst = (options.sort ?? 'newest') === 'newest';
    const filtered = hasFilters(filters);
    // Oldest first, a position that expired since is before the whole window: start at its start.
    let start: Item | undefined =
      afterPlacedAt === undefined || (!newestFirst && afterPlacedAt < oldest)
        ? undefined
        : {
            [ordersTable.partitionKey]: workflowId,
            [ordersTable.sortKey]: afterPlacedAt,
          };
    // One more than the page tells whether another page follows without an empty last page.
    let read = filtered
      ? Math.min(MAX_FILTERED_READ, (limit + 1) * 4)
      : limit + 1;
    const items: Item[] = [];
    do {
      const result = await this.query(
        {
          ...this.window(workflowId, oldest),
          ScanIndexForward: !newestFirst,
          Limit: read,
          ExclusiveStartKey: start,
        },
        `reading the orders of workflow ${workflowId}`,
      );
      for (const item of result.Items ?? []) {
        if (items.length <= limit && isMatchingOrder(item, filters)) {
          items.push(item);
        }
      }
      start = result.LastEvaluatedKey;
      read = Math.min(MAX_FILTERED_READ, read * 2);
    } while (start && items.length <= limit);
    return { items: items.slice(0, limit), more: items.length > limit };
  }

  /** The number of a workflow's orders in the window that its pages list, with these filters. */
  async count(
    workflowId: string,
    oldest: number,
    filters: OrderFilters = {},
  ): Promise<number> {
    return (await this.placementTimes(workflowId, oldest, filters)).length;
  }

  /**
   * `placed_at` of each of a workflow's orders in the window that can be shown and match the
   * filters. Only the keys (and the filtered fields) are read, which costs the read capacity a
   * `Select: 'COUNT'` would, and lets the count leave out exactly what the pages leave out.
   */
  async placementTimes(
    workflowId: string,
    oldest: number,
    filters: OrderFilters = {},
  ): Promise<number[]> {
    const times: number[] = [];
    const filtered = hasFilters(filters);
    for await (const page of this.pages(
      {
        ...this.window(workflowId, oldest),
        ProjectionExpression: filtered
          ? '#id, #workflow_id, #placed_at, #direction, #code'
          : '#id, #workflow_id, #placed_at',
        ExpressionAttributeNames: {
          ...names,
          '#id': ordersTable.idIndex.partitionKey,
          ...(filtered
            ? { '#direction': 'order_direction', '#code': 'order_code' }
            : {}),
        },
      },
      `reading the orders of workflow ${workflowId}`,
    )) {
      for (const item of page.Items ?? []) {
        if (filtered ? isMatchingOrder(item, filters) : isShowableOrder(item)) {
          times.push(Number(item[ordersTable.sortKey]));
        }
      }
    }
    return times;
  }

  /** A workflow's newest order in the window that can be shown, searching past those that cannot. */
  async newest(
    workflowId: string,
    oldest: number,
  ): Promise<WorkflowOrderRecord | undefined> {
    let start: Item | undefined;
    let limit = 1;
    for (;;) {
      const result = await this.query(
        {
          ...this.window(workflowId, oldest),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        },
        `reading the last order of workflow ${workflowId}`,
      );
      const [newest] = this.options.readRecords(result.Items ?? []);
      if (newest || !result.LastEvaluatedKey) return newest;
      start = result.LastEvaluatedKey;
      limit = FALLBACK_PAGE;
    }
  }

  /** The readable records with this order id, of any time. */
  async byId(orderId: string): Promise<WorkflowOrderRecord[]> {
    const result = await this.query(
      {
        IndexName: ordersTable.idIndex.name,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': ordersTable.idIndex.partitionKey },
        ExpressionAttributeValues: { ':id': orderId },
      },
      `looking up order ${orderId}`,
    );
    return this.options.readRecords(result.Items ?? []);
  }

  private window(workflowId: string, oldest: number) {
    return {
      KeyConditionExpression: [inWorkflow, notExpired].join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ':workflow_id': workflowId,
        ':oldest': oldest,
      },
    };
  }

  private async query(
    input: Omit<QueryCommandInput, 'TableName'>,
    action: string,
  ): Promise<QueryCommandOutput> {
    const { documents, tableName, translate } = this.options;
    try {
      return await documents.send(
        new QueryCommand({ TableName: tableName, ...input }),
      );
    } catch (error) {
      throw translate(error, action);
    }
  }

  /** Every page of a query, following `LastEvaluatedKey`. */
  private async *pages(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    action: string,
  ): AsyncGenerator<QueryCommandOutput> {
    let start: Item | undefined;
    do {
      const page = await this.query(
        { ...input, ExclusiveStartKey: start },
        action,
      );
      yield page;
      start = page.LastEvaluatedKey;
    } while (start);
  }
}
