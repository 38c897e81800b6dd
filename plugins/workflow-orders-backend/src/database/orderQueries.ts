import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ordersTable, type WorkflowOrderRecord } from '@workflow-orders/table';
import { isShowableOrder, type OrderRecordReader } from './orderRecords';

/** Page size when the newest record of a workflow cannot be shown and older ones are searched. */
const FALLBACK_PAGE = 25;

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

  /** Up to `limit` items newest first after `afterPlacedAt`, and whether more follow. */
  async page(options: {
    workflowId: string;
    oldest: number;
    limit: number;
    afterPlacedAt?: number;
  }): Promise<{ items: Item[]; more: boolean }> {
    const { workflowId, oldest, limit, afterPlacedAt } = options;
    const result = await this.query(
      {
        ...this.window(workflowId, oldest),
        ScanIndexForward: false,
        // One more than the page tells whether another page follows without an empty last page.
        Limit: limit + 1,
        ExclusiveStartKey:
          afterPlacedAt === undefined
            ? undefined
            : {
                [ordersTable.partitionKey]: workflowId,
                [ordersTable.sortKey]: afterPlacedAt,
              },
      },
      `reading the orders of workflow ${workflowId}`,
    );
    const items = result.Items ?? [];
    return {
      items: items.slice(0, limit),
      more: items.length > limit || result.LastEvaluatedKey !== undefined,
    };
  }

  /** The number of a workflow's orders in the window that its pages list. */
  async count(workflowId: string, oldest: number): Promise<number> {
    return (await this.placementTimes(workflowId, oldest)).length;
  }

  /**
   * `placed_at` of each of a workflow's orders in the window that can be shown. Only the keys are
   * read, which costs the read capacity a `Select: 'COUNT'` would, and lets the count leave out
   * exactly what the pages leave out.
   */
  async placementTimes(workflowId: string, oldest: number): Promise<number[]> {
    const times: number[] = [];
    for await (const page of this.pages(
      {
        ...this.window(workflowId, oldest),
        ProjectionExpression: '#id, #workflow_id, #placed_at',
        ExpressionAttributeNames: {
          ...names,
          '#id': ordersTable.idIndex.partitionKey,
        },
      },
      `reading the orders of workflow ${workflowId}`,
    )) {
      for (const item of page.Items ?? []) {
        if (isShowableOrder(item)) {
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
