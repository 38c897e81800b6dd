import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ORDER_RETENTION_SECONDS,
  latestOrderKeyOf,
  ordersTable,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import { createDynamoDbClient } from './dynamoDbClient';
import { translateDynamoDbError } from './dynamoDbErrors';
import { countByUtcDay } from './dailyCounts';
import { mapConcurrently } from './mapConcurrently';
import {
  createOrderRecordReader,
  type OrderRecordReader,
} from './orderRecords';
import type {
  OrderPage,
  OrderStore,
  OrderStoreHealth,
  WorkflowOrderActivity,
} from './OrderStore';

/** Options of {@link DynamoDbOrderStore.create}. @public */
export interface DynamoDbOrderStoreOptions {
  /** Root config; the store reads `workflowOrders.dynamodb`. */
  readonly config: Config;
  readonly logger: LoggerService;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** Workflows whose last order is queried at once for one summaries request. */
const SUMMARY_CONCURRENCY = 48;
/** Workflows found without orders that are remembered at most; the oldest are forgotten first. */
const NO_ORDER_CACHE_SIZE = 100_000;
/** Keys in one BatchGetItem request, DynamoDB's limit. */
const BATCH_GET_KEYS = 100;
/** Times keys that DynamoDB left unprocessed are asked for again before they are queried instead. */
const UNPROCESSED_ROUNDS = 3;
/** Page size when the newest record of a workflow is malformed and older ones are searched. */
const FALLBACK_PAGE = 25;

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const names = {
  '#workflow_id': ordersTable.partitionKey,
  '#placed_at': ordersTable.sortKey,
};
const inWorkflow = '#workflow_id = :workflow_id';
const notExpired = '#placed_at >= :oldest';

/**
 * Reads orders from the `workflow_orders` DynamoDB table: Queries on the workflow partition with the
 * retention window as key condition, the `id-index` for single orders, and BatchGetItem on the
 * latest-order items for the last orders of many workflows; never a Scan.
 *
 * @public
 */
export class DynamoDbOrderStore implements OrderStore {
  /** Makes a store from `workflowOrders.dynamodb` config. */
  static async create(
    options: DynamoDbOrderStoreOptions,
  ): Promise<DynamoDbOrderStore> {
    const { client, tableName, location } = await createDynamoDbClient(
      options.config,
    );
    const noOrderCacheSeconds =
      options.config.getOptionalNumber(
        'workflowOrders.summaries.noOrderCacheSeconds',
      ) ?? 300;
    if (!Number.isFinite(noOrderCacheSeconds) || noOrderCacheSeconds < 0) {
      throw new Error(
        `workflowOrders.summaries.noOrderCacheSeconds must be 0 or more, got ${noOrderCacheSeconds}`,
      );
    }
    return new DynamoDbOrderStore(
      client,
      tableName,
      location,
      options.logger,
      options.now ?? Date.now,
      noOrderCacheSeconds * 1000,
    );
  }

  private readonly documents: DynamoDBDocumentClient;
  private readonly readRecords: OrderRecordReader;
  /** Workflow id → epoch ms until which a query that found no order stands. */
  private readonly noOrderUntil = new Map<string, number>();

  private constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly location: string,
    logger: LoggerService,
    private readonly now: () => number,
    private readonly noOrderCacheMs: number,
  ) {
    this.readRecords = createOrderRecordReader({ logger, tableName });
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
      // Other writers may store numbers past double precision; read them rather than fail the page.
      unmarshallOptions: { wrapNumbers: value => Number(value) },
    });
  }

  async listOrders(options: {
    workflowId: string;
    limit: number;
    afterPlacedAt?: number;
  }): Promise<OrderPage> {
    const { workflowId, limit, afterPlacedAt } = options;
    const oldest = this.oldestPlacedAt();
    const counting = this.countOrders(workflowId, oldest);
    if (afterPlacedAt !== undefined && afterPlacedAt < oldest) {
      return { orders: [], totalCount: await counting };
    }
    const reading = this.query(
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
    const [totalCount, result] = await Promise.all([counting, reading]);
    const items = result.Items ?? [];
    const page = items.slice(0, limit);
    const more = items.length > limit || result.LastEvaluatedKey !== undefined;
    const last = page[page.length - 1];
    return {
      orders: this.readRecords(page),
      totalCount,
      nextPlacedAt:
        more && last ? Number(last[ordersTable.sortKey]) : undefined,
    };
  }

  async getOrder(options: {
    orderId: string;
  }): Promise<WorkflowOrderRecord | undefined> {
    const result = await this.query(
      {
        IndexName: ordersTable.idIndex.name,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': ordersTable.idIndex.partitionKey },
        ExpressionAttributeValues: { ':id': options.orderId },
      },
      `looking up order ${options.orderId}`,
    );
    const oldest = this.oldestPlacedAt();
    return this.readRecords(result.Items ?? [])
      .filter(record => record.placed_at >= oldest)
      .sort((a, b) => b.placed_at - a.placed_at)[0];
  }

  /**
   * Reads the latest-order items the recorder keeps, a hundred workflows per request. A workflow
   * without a usable one (no order recorded by the recorder, only by other writers, or a malformed
   * item) is queried instead, so orders from any writer are found; a query that finds none stands
   * for `summaries.noOrderCacheSeconds`.
   */
  async getLastOrders(options: {
    workflowIds: string[];
  }): Promise<Array<WorkflowOrderRecord | undefined>> {
    const nowMs = this.now();
    const oldest = this.oldestPlacedAt(nowMs);
    const unique = [...new Set(options.workflowIds)];
    const latestItems = await this.latestOrderItems(unique);
    const lastOrders = new Map<string, WorkflowOrderRecord | undefined>();
    const toQuery: string[] = [];
    for (const workflowId of unique) {
      const latest = this.readLatest(workflowId, latestItems.get(workflowId));
      if (latest !== 'unknown') {
        const inWindow = latest.placedAt >= oldest;
        lastOrders.set(workflowId, inWindow ? latest.record : undefined);
      } else if ((this.noOrderUntil.get(workflowId) ?? 0) > nowMs) {
        lastOrders.set(workflowId, undefined);
      } else {
        toQuery.push(workflowId);
      }
    }
    const queried = await mapConcurrently(
      toQuery,
      SUMMARY_CONCURRENCY,
      workflowId => this.newestOrder(workflowId, oldest),
    );
    toQuery.forEach((workflowId, index) => {
      lastOrders.set(workflowId, queried[index]);
      this.noOrderUntil.delete(workflowId);
      if (queried[index] || this.noOrderCacheMs === 0) return;
      if (this.noOrderUntil.size >= NO_ORDER_CACHE_SIZE) {
        const [oldestEntry] = this.noOrderUntil.keys();
        this.noOrderUntil.delete(oldestEntry);
      }
      this.noOrderUntil.set(workflowId, nowMs + this.noOrderCacheMs);
    });
    return options.workflowIds.map(id => lastOrders.get(id));
  }

  async getActivity(options: {
    workflowId: string;
    days: number;
  }): Promise<WorkflowOrderActivity> {
    const { workflowId, days } = options;
    const now = this.now();
    const oldest = this.oldestPlacedAt(now);
    const [placedAts, lastOrder] = await Promise.all([
      this.placementTimes(workflowId, oldest),
      this.newestOrder(workflowId, oldest),
    ]);
    return {
      totalCount: placedAts.length,
      lastOrder,
      dailyCounts: countByUtcDay(placedAts, now, days),
    };
  }

  async checkHealth(): Promise<OrderStoreHealth> {
    const table = this.tableName;
    try {
      await this.client.send(new DescribeTableCommand({ TableName: table }));
      return { reachable: true, table };
    } catch (error) {
      const { message } = this.translate(error, 'describing the table');
      return { reachable: false, table, message };
    }
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.client.destroy();
  }

  private oldestPlacedAt(now = this.now()): number {
    return now / 1000 - ORDER_RETENTION_SECONDS;
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

  private async countOrders(
    workflowId: string,
    oldest: number,
  ): Promise<number> {
    let count = 0;
    for await (const page of this.pages(
      { ...this.window(workflowId, oldest), Select: 'COUNT' },
      `counting the orders of workflow ${workflowId}`,
    )) {
      count += page.Count ?? 0;
    }
    return count;
  }

  private async placementTimes(
    workflowId: string,
    oldest: number,
  ): Promise<number[]> {
    const times: number[] = [];
    for await (const page of this.pages(
      {
        ...this.window(workflowId, oldest),
        ProjectionExpression: '#placed_at',
      },
      `reading the activity of workflow ${workflowId}`,
    )) {
      for (const item of page.Items ?? []) {
        times.push(Number(item[ordersTable.sortKey]));
      }
    }
    return times;
  }

  private async newestOrder(
    workflowId: string,
    oldest: number,
  ): Promise<WorkflowOrderRecord | undefined> {
    let start: Record<string, unknown> | undefined;
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
      const [newest] = this.readRecords(result.Items ?? []);
      if (newest || !result.LastEvaluatedKey) return newest;
      start = result.LastEvaluatedKey;
      limit = FALLBACK_PAGE;
    }
  }

  /** The latest-order items of these workflows that exist, by workflow id. */
  private async latestOrderItems(
    workflowIds: string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const { partitionKey, latest } = ordersTable;
    const found = new Map<string, Record<string, unknown>>();
    const chunks: string[][] = [];
    for (let start = 0; start < workflowIds.length; start += BATCH_GET_KEYS) {
      chunks.push(workflowIds.slice(start, start + BATCH_GET_KEYS));
    }
    await Promise.all(
      chunks.map(async chunk => {
        let keys: Record<string, unknown>[] | undefined =
          chunk.map(latestOrderKeyOf);
        for (
          let round = 0;
          keys?.length && round <= UNPROCESSED_ROUNDS;
          round++
        ) {
          if (round > 0) await delay(25 * 2 ** round);
          let result;
          try {
            result = await this.documents.send(
              new BatchGetCommand({
                RequestItems: {
                  [this.tableName]: {
                    Keys: keys,
                    ProjectionExpression:
                      '#workflow_id, #order, #order_placed_at',
                    ExpressionAttributeNames: {
                      '#workflow_id': partitionKey,
                      '#order': latest.orderAttribute,
                      '#order_placed_at': latest.placedAtAttribute,
                    },
                  },
                },
              }),
            );
          } catch (error) {
            throw this.translate(error, 'reading the last orders of workflows');
          }
          for (const item of result.Responses?.[this.tableName] ?? []) {
            found.set(String(item[partitionKey]), item);
          }
          // What is still unprocessed after the last round is queried like a workflow without an item.
          keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
        }
      }),
    );
    return found;
  }

  /** What a latest-order item says, or 'unknown' when there is none that can be trusted. */
  private readLatest(
    workflowId: string,
    item: Record<string, unknown> | undefined,
  ): 'unknown' | { placedAt: number; record: WorkflowOrderRecord } {
    const { orderAttribute, placedAtAttribute } = ordersTable.latest;
    const placedAt = item?.[placedAtAttribute];
    const order = item?.[orderAttribute];
    if (typeof placedAt !== 'number' || typeof order !== 'object' || !order) {
      return 'unknown';
    }
    const [record] = this.readRecords([order as Record<string, unknown>]);
    if (record?.workflow_id !== workflowId || record.placed_at !== placedAt) {
      return 'unknown';
    }
    return { placedAt, record };
  }

  private async query(
    input: Omit<QueryCommandInput, 'TableName'>,
    action: string,
  ): Promise<QueryCommandOutput> {
    try {
      return await this.documents.send(
        new QueryCommand({ TableName: this.tableName, ...input }),
      );
    } catch (error) {
      throw this.translate(error, action);
    }
  }

  /** Every page of a query, following `LastEvaluatedKey`. */
  private async *pages(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    action: string,
  ): AsyncGenerator<QueryCommandOutput> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.query(
        { ...input, ExclusiveStartKey: start },
        action,
      );
      yield page;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  private translate(error: unknown, action: string): Error {
    return translateDynamoDbError(error, {
      table: this.tableName,
      location: this.location,
      action,
    });
  }
}
