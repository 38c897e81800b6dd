import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ordersTable, type WorkflowOrderRecord } from '@workflow-orders/table';
import type { HistorySort } from '@workflow-orders/plugin-workflow-orders-common';
import { historySelection } from './orderFilterExpression';
import {
  isShowableOrder,
  type OrderFilters,
  type OrderRecordReader,
} from './orderRecords';

/** Page size when the newest record of a workflow cannot be shown and older ones are searched. */
const FALLBACK_PAGE = 25;
/** Most items one Query of a page reads; DynamoDB stops at 1 MB anyway. */
export const MAX_FILTERED_READ = 1000;
/** Whole orders the activity's first Query reads; past them only keys are read. */
const ACTIVITY_FIRST_READ = 100;

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

/** What one Query needs: the client, the table, and the error translation. */
export type QueryOptions = Pick<
  OrderQueriesOptions,
  'documents' | 'tableName' | 'translate'
>;

/** One Query of the orders table; a failure becomes the error callers see. */
export async function sendQuery(
  options: QueryOptions,
  input: Omit<QueryCommandInput, 'TableName'>,
  action: string,
): Promise<QueryCommandOutput> {
  const { documents, tableName, translate } = options;
  try {
    return await documents.send(
      new QueryCommand({ TableName: tableName, ...input }),
    );
  } catch (error) {
    throw translate(error, action);
  }
}

/**
 * The Queries of the orders table: on a workflow's partition with the retention window (`oldest`,
 * epoch seconds) as key condition, or on the `id-index`; never a Scan.
 */
export class OrderQueries {
  constructor(private readonly options: OrderQueriesOptions) {}

  /**
   * Up to `limit` orders that can be shown and match the filters, in the order of `sort`, after the
   * order placed at `afterPlacedAt`, and whether more follow. The showable rule and the filters are
   * a `FilterExpression` ({@link historySelection}), so DynamoDB returns only what the page lists.
   * The first Query reads `limit + 1` items, which for an unfiltered page is the page and one more
   * (whether another follows). DynamoDB applies `Limit` before the filter, so when items were left
   * out the Query goes on from where it stopped, reading as many more as the share that matched so
   * far suggests, until the page is full or the window ends: a page is never short while matching
   * orders follow.
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
    const newestFirst = (options.sort ?? 'newest') === 'newest';
    const selection = historySelection(workflowId, oldest, options.filters);
    // Oldest first, a position that expired since is before the whole window: start at its start.
    let start: Item | undefined =
      afterPlacedAt === undefined || (!newestFirst && afterPlacedAt < oldest)
        ? undefined
        : {
            [ordersTable.partitionKey]: workflowId,
            [ordersTable.sortKey]: afterPlacedAt,
          };
    const wanted = limit + 1;
    let read = wanted;
    let scanned = 0;
    const items: Item[] = [];
    do {
      const result = await this.query(
        {
          ...selection,
          ScanIndexForward: !newestFirst,
          Limit: read,
          ExclusiveStartKey: start,
        },
        `reading the orders of workflow ${workflowId}`,
      );
      items.push(...(result.Items ?? []));
      scanned += result.ScannedCount ?? read;
      start = result.LastEvaluatedKey;
      const missing = wanted - items.length;
      read = Math.min(
        MAX_FILTERED_READ,
        items.length > 0
          ? Math.ceil((missing * scanned) / items.length)
          : read * 4,
      );
    } while (start && items.length < wanted);
    return { items: items.slice(0, limit), more: items.length > limit };
  }

  /**
   * `placed_at` of each of a workflow's orders in the window that can be shown, and the newest of
   * them, for the activity chart and the card. The first Query reads up to `ACTIVITY_FIRST_READ`
   * whole orders, newest first, which for most workflows is the whole window: one request. A
   * longer window goes on from there reading only the keys (what the showable filter needs).
   */
  async activity(
    workflowId: string,
    oldest: number,
  ): Promise<{ times: number[]; newest: WorkflowOrderRecord | undefined }> {
    const action = `reading the orders of workflow ${workflowId}`;
    const selection = historySelection(workflowId, oldest);
    const times: number[] = [];
    let newest: WorkflowOrderRecord | undefined;
    const first = await this.query(
      { ...selection, ScanIndexForward: false, Limit: ACTIVITY_FIRST_READ },
      action,
    );
    for (const item of first.Items ?? []) {
      if (!isShowableOrder(item)) continue;
      times.push(Number(item[ordersTable.sortKey]));
      newest ??= this.options.readRecords([item])[0];
    }
    if (first.LastEvaluatedKey) {
      const rest = this.pages(
        {
          ...selection,
          ScanIndexForward: false,
          ProjectionExpression: '#id, #workflow_id, #placed_at',
        },
        action,
        first.LastEvaluatedKey,
      );
      for await (const page of rest) {
        for (const item of page.Items ?? []) {
          if (isShowableOrder(item)) {
            times.push(Number(item[ordersTable.sortKey]));
          }
        }
      }
      // Every order of the first read was unreadable: look further for the newest readable one.
      newest ??= await this.newest(workflowId, oldest);
    }
    return { times, newest };
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

  private query(
    input: Omit<QueryCommandInput, 'TableName'>,
    action: string,
  ): Promise<QueryCommandOutput> {
    return sendQuery(this.options, input, action);
  }

  /** Every page of a query, from the key `from` when given, following `LastEvaluatedKey`. */
  private async *pages(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    action: string,
    from?: Item,
  ): AsyncGenerator<QueryCommandOutput> {
    let start: Item | undefined = from;
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
