import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ORDER_RETENTION_SECONDS,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import {
  readOrdersConfig,
  type HistorySettings,
  type LatestOrdersSettings,
  type SummariesSettings,
} from '../config';
import { countByUtcDay } from './dailyCounts';
import { createDynamoDbClient } from './dynamoDbClient';
import { translateDynamoDbError } from './dynamoDbErrors';
import {
  createLastOrderFinder,
  readLatestOrders,
  type LastOrderFinder,
} from './latestOrders';
import { LatestIndexRows } from './LatestIndexRows';
import { queryLatestOrders, queryLatestOrdersSince } from './latestOrderIndex';
import { readLatestOrdersDirectly } from './latestOrdersDirect';
import { readHistory } from './historyReads';
import { OrderQueries } from './orderQueries';
import { windowCountQueries } from './windowCountQueries';
import { nextUp, WindowCounts } from './WindowCounts';
import {
  createOrderRecordReader,
  type OrderRecordReader,
} from './orderRecords';
import type {
  HistoryOptions,
  LatestOrderPage,
  LatestOrdersOptions,
  OrderPage,
  OrderStore,
  OrderStoreHealth,
  WorkflowOrderActivity,
} from './OrderStore';

/** Orders placed this many seconds ago or later are counted afresh on every first page. */
const COUNT_SETTLE_SECONDS = 60;
/** Workflow windows (with their filters) whose count is kept at most. */
const COUNT_CACHE_ENTRIES = 10_000;
/** Options of {@link DynamoDbOrderStore.create}. @public */
export interface DynamoDbOrderStoreOptions {
  /** Root config; the store reads `workflowOrders.dynamodb` and `workflowOrders.summaries`. */
  readonly config: Config;
  /** Where malformed records are reported. */
  readonly logger: LoggerService;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/**
 * Reads orders from the `workflow_orders` DynamoDB table: Queries on the workflow partition with the
 * retention window as key condition, the `id-index` for single orders, BatchGetItem on the
 * latest-order items for the last orders of many workflows (or the `latest-orders-index` when they
 * are a large share of it), and the `latest-orders-index` for the latest orders of all workflows,
 * newest first; never a Scan. Failed calls are
 * translated here: throttling and outages become a `ServiceUnavailableError`.
 *
 * @public
 */
export class DynamoDbOrderStore implements OrderStore {
  /** Makes a store from `workflowOrders` config. */
  static async create(
    options: DynamoDbOrderStoreOptions,
  ): Promise<DynamoDbOrderStore> {
    const { dynamodb, summaries, history, latestOrders } = readOrdersConfig(
      options.config,
    );
    const { client, location } = await createDynamoDbClient(dynamodb);
    const store = new DynamoDbOrderStore(
      client,
      dynamodb.tableName,
      location,
      options.logger,
      options.now ?? Date.now,
      summaries,
      history,
      latestOrders,
    );
    // In the background: until it is counted, the workflows list reads latest-order items by key.
    store.latestIndexRows.countInBackground(store.now());
    return store;
  }

  private readonly documents: DynamoDBDocumentClient;
  private readonly readRecords: OrderRecordReader;
  private readonly queries: OrderQueries;
  private readonly lastOrders: LastOrderFinder;
  private readonly latestIndexRows: LatestIndexRows;
  private readonly windowCounts: WindowCounts;

  private constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    /** Where the table is, for error messages: the endpoint or the region. */
    private readonly location: string,
    private readonly logger: LoggerService,
    private readonly now: () => number,
    summaries: SummariesSettings,
    private readonly history: HistorySettings,
    private readonly latestOrdersSettings: LatestOrdersSettings,
  ) {
    this.readRecords = createOrderRecordReader({ logger, tableName });
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
      // Other writers may store numbers past double precision; read them rather than fail the page.
      unmarshallOptions: { wrapNumbers: value => Number(value) },
    });
    const { countRange, expiredRange } = windowCountQueries({
      documents: this.documents,
      tableName,
      translate: this.translate,
    });
    this.windowCounts = new WindowCounts(countRange, expiredRange, {
      ttlMs: history.countCacheMs,
      settleSeconds: COUNT_SETTLE_SECONDS,
      maxEntries: COUNT_CACHE_ENTRIES,
    });
    this.queries = new OrderQueries({
      documents: this.documents,
      tableName,
      readRecords: this.readRecords,
      translate: this.translate,
    });
    this.latestIndexRows = new LatestIndexRows(this.indexSource, () =>
      this.oldestPlacedAt(),
    );
    this.lastOrders = createLastOrderFinder({
      settings: summaries,
      sources: {
        readLatest: this.readLatest,
        latestIndex: this.latestIndexRows,
        queryNewest: (workflowId, oldest) =>
          this.queries.newest(workflowId, oldest),
      },
    });
  }

  /**
   * A page of a workflow's history, in the order of `sort`, with the orders matching the filters:
   * one Query unless the filters leave out much of what it read. The count is a `Select: 'COUNT'`
   * of the same filter, run for the first page only (a later page is given it) and bounded by
   * `history.countReadLimit` items read, past which it is a lower bound.
   */
  async getHistory(options: HistoryOptions): Promise<OrderPage> {
    const nowMs = this.now();
    return readHistory(
      {
        queries: this.queries,
        windowCounts: this.windowCounts,
        readRecords: this.readRecords,
        countReadLimit: this.history.countReadLimit,
      },
      options,
      { nowMs, oldest: this.oldestPlacedAt(nowMs) },
    );
  }

  /**
   * A page of the latest orders from the `latest-orders-index`: one Query a page when nothing is
   * left out, else Queries from where the last stopped until the page is full. For at most
   * `latestOrders.directReadLimit` named workflows, their latest-order items are read directly
   * (one BatchGetItem per hundred) and sorted instead.
   */
  async getLatestOrders(
    options: LatestOrdersOptions,
  ): Promise<LatestOrderPage> {
    const { workflowIds } = options;
    const oldest = this.oldestPlacedAt();
    if (
      workflowIds &&
      new Set(workflowIds).size <= this.latestOrdersSettings.directReadLimit
    ) {
      return readLatestOrdersDirectly(this.readLatest, {
        ...options,
        workflowIds,
        oldest,
      });
    }
    return queryLatestOrders(this.indexSource, { ...options, oldest });
  }

  /** The latest orders placed since `since`, from the `latest-orders-index`, newest first. */
  getLatestOrdersSince(options: { since: number; limit: number }) {
    const oldest = this.oldestPlacedAt();
    return queryLatestOrdersSince(this.indexSource, { ...options, oldest });
  }

  /** A workflow's orders placed after `after`, newest first: one Query of `limit + 1`. */
  async getOrdersAfter(options: {
    workflowId: string;
    after: number;
    limit: number;
  }): Promise<{ orders: WorkflowOrderRecord[]; more: boolean }> {
    const { workflowId, after, limit } = options;
    const oldest = Math.max(nextUp(after), this.oldestPlacedAt());
    const { items, more } = await this.queries.page({
      workflowId,
      oldest,
      limit,
    });
    return { orders: this.readRecords(items), more };
  }

  /** One order by its id through the `id-index`; undefined when unknown or expired. */
  async getOrder(options: {
    orderId: string;
  }): Promise<WorkflowOrderRecord | undefined> {
    const records = await this.queries.byId(options.orderId);
    const oldest = this.oldestPlacedAt();
    return records
      .filter(record => record.placed_at >= oldest)
      .sort((a, b) => b.placed_at - a.placed_at)[0];
  }

  /**
   * Reads the latest-order items, 100 workflows per BatchGetItem, or, for a list naming at least half
   * the rows of the `latest-orders-index` (counted when the store is made, hourly, and by each such
   * read), from one read of the whole index window. With
   * `summaries.latestOrderItems: complete` that is all; by default a workflow without a usable item
   * (orders only from other writers, or a malformed item) is queried instead, so orders from any
   * writer are found, and a query that finds none stands for a while (`NoOrderCache`).
   */
  async getLastOrders(options: {
    workflowIds: string[];
  }): Promise<Array<WorkflowOrderRecord | undefined>> {
    const nowMs = this.now();
    const lastOrders = await this.lastOrders.find(
      [...new Set(options.workflowIds)],
      { nowMs, oldest: this.oldestPlacedAt(nowMs) },
    );
    return options.workflowIds.map(id => lastOrders.get(id));
  }

  /** A workflow's count, newest order and orders per UTC day. */
  async getActivity(options: {
    workflowId: string;
    days: number;
  }): Promise<WorkflowOrderActivity> {
    const { workflowId, days } = options;
    const nowMs = this.now();
    const oldest = this.oldestPlacedAt(nowMs);
    const { times, newest } = await this.queries.activity(workflowId, oldest);
    return {
      totalCount: times.length,
      lastOrder: newest,
      dailyCounts: countByUtcDay(times, nowMs, days),
    };
  }

  /** Describes the table; a failure is reported, not thrown. */
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

  /** What the `latest-orders-index` is read with. */
  private get indexSource() {
    const { documents, tableName, readRecords, logger, translate } = this;
    return { documents, tableName, readRecords, logger, translate };
  }

  private readonly readLatest = (workflowIds: readonly string[]) =>
    readLatestOrders({
      documents: this.documents,
      tableName: this.tableName,
      workflowIds,
      readRecords: this.readRecords,
      translate: this.translate,
    });

  private oldestPlacedAt(nowMs = this.now()): number {
    return nowMs / 1000 - ORDER_RETENTION_SECONDS;
  }

  private readonly translate = (error: unknown, action: string): Error =>
    translateDynamoDbError(error, {
      table: this.tableName,
      location: this.location,
      action,
    });
}
