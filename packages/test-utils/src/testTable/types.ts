import type {
  AttributeValue,
  DynamoDBClient,
  DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChangeFeed, ChangeFeedOptions } from '../changeFeed/changeFeed';
import type { EmbeddedEngine } from '../embedded';
import type { FaultProxy, FaultProxyOptions } from '../faultProxy';
import type { TableStream } from '../tableStream';

/** Options of {@link useTestTable}. @public */
export interface TestTableOptions {
  /**
   * Name of the orders table; `false` makes none, for tests of table creation itself.
   *
   * @defaultValue 'workflow_orders'
   */
  readonly tableName?: string | false;
  /**
   * `file`: one table for every test of the file. `test`: an empty table for each test, made before
   * it and deleted after it, with its own fault proxy, change feed and clients.
   *
   * @defaultValue 'file'
   */
  readonly scope?: 'file' | 'test';
  /**
   * Whether the table has the `latest-orders-index`; `false` makes it as the definition did before
   * that index (the id index alone), as tables made then still are.
   *
   * @defaultValue true
   */
  readonly latestOrdersIndex?: boolean;
  /**
   * A {@link FaultProxy} in front of the table, as {@link TestTable.proxy}, with these settings
   * (`true`: its defaults, every request forwarded as it is). With `scope: 'file'` its settings go
   * back to these before each test.
   */
  readonly faultProxy?: boolean | Omit<FaultProxyOptions, 'target' | 'port'>;
  /**
   * A {@link ChangeFeed} in front of the table, as {@link TestTable.feed}, with these options
   * (`true`: its defaults): the table gets a stream on any engine. Every client then reaches the table
   * through the feed, as every writer must.
   */
  readonly changeFeed?:
    boolean | Omit<ChangeFeedOptions, 'target' | 'tableName' | 'port'>;
  /**
   * The table's real DynamoDB stream, read with the Streams API as {@link TestTable.stream}. Only
   * AWS DynamoDB Local has one; the records before each test are read off, so a test reads its own.
   *
   * @defaultValue false
   */
  readonly stream?: boolean;
  /**
   * The engine; test files that use more than one table share the engine of each kind.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_TEST_DYNAMODB ?? 'dynalite'
   */
  readonly engine?: EmbeddedEngine;
  /**
   * How long the hooks may take: starting DynamoDB Local and making the table.
   *
   * @defaultValue 120000
   */
  readonly timeoutMs?: number;
}

/** Client settings of one endpoint of the test table, with its dummy credentials. @public */
export type TestClientConfig = DynamoDBClientConfig & {
  readonly endpoint: string;
  readonly region: string;
};

/** A fault proxy in front of the test table, with the client settings that go through it. @public */
export interface TestFaultProxy extends FaultProxy {
  /** Client settings of the table through this proxy. */
  readonly clientConfig: TestClientConfig;
}

/** Options of {@link TestTable.createTable}. @public */
export interface CreateTestTableOptions {
  /** Name of the new table; a fresh name when not given. */
  readonly tableName?: string;
  /** As {@link TestTableOptions.latestOrdersIndex}. @defaultValue true */
  readonly latestOrdersIndex?: boolean;
}

/**
 * The test table of a file, as {@link useTestTable} sets it up: everything on it is ready inside
 * tests and inside hooks registered after `useTestTable`, not at the top level of the file.
 *
 * Its own clients (`client`, `documents`) reach the table past the fault proxy: they prepare and
 * inspect the table whatever faults the code under test meets. Its methods can be passed around
 * unbound, e.g. `workflowIds.map(table.latestOf)`.
 *
 * @public
 */
export interface TestTable {
  /** The engine running the table. */
  readonly engine: EmbeddedEngine;
  /** The orders table's name ('' when the options asked for no table). */
  readonly tableName: string;
  /** The region every client of the table names (any name works on a local engine). */
  readonly region: string;
  /** Where clients reach the table: the change feed's endpoint when there is one, else the engine's. */
  readonly endpoint: string;
  /** Client settings of {@link TestTable.endpoint}. */
  readonly clientConfig: TestClientConfig;
  /** A client of {@link TestTable.endpoint}, destroyed by the clean-up. */
  readonly client: DynamoDBClient;
  /** A document client of {@link TestTable.endpoint}; it drops undefined values. */
  readonly documents: DynamoDBDocumentClient;
  /** The fault proxy the `faultProxy` option asked for. */
  readonly proxy: TestFaultProxy;
  /** The change feed the `changeFeed` option asked for. */
  readonly feed: ChangeFeed;
  /** The reader of the real stream the `stream` option asked for. */
  readonly stream: TableStream;
  /** Another client of the table, `overrides` applied, destroyed after the test (or the file). */
  createClient(overrides?: DynamoDBClientConfig): DynamoDBClient;
  /** Another fault proxy in front of the table, closed after the test (or the file). */
  startFaultProxy(
    options?: Omit<FaultProxyOptions, 'target'>,
  ): Promise<TestFaultProxy>;
  /**
   * Runs `cleanup` after the test, or after the file's tests when called outside a test: for what
   * a test builds on the table, e.g. a store whose client needs destroying.
   */
  onCleanup(cleanup: () => unknown): void;
  /** Another orders table on the same engine, made by the table's definition; resolves its name. */
  createTable(options?: CreateTestTableOptions): Promise<string>;
  /** Puts one item, in the document client's JavaScript shape. */
  put(item: Record<string, unknown>): Promise<void>;
  /** The latest-order item of a workflow, if any, read consistently. */
  latestOf(workflowId: string): Promise<Record<string, unknown> | undefined>;
  /** Every stored order of a workflow, oldest first (its latest-order item left out). */
  ordersOf(workflowId: string): Promise<Record<string, unknown>[]>;
  /** Every item of the table, guards and latest-order items too, in DynamoDB's JSON. */
  scanItems(): Promise<Record<string, AttributeValue>[]>;
  /**
   * `item` with a `padding` attribute as long as the table takes: the largest such item, found by
   * halves on a table of its own (so the test table and its stream see none of the tries).
   */
  largestItem<T extends Record<string, unknown>>(
    item: T,
  ): Promise<T & { padding: string }>;
  /**
   * The environment a deployed process of the table reads: endpoint (default
   * {@link TestTable.endpoint}), region, dummy credentials and `WORKFLOW_ORDERS_TABLE`.
   */
  environment(endpoint?: string): Record<string, string>;
  /** Stops the engine, as in an outage; clients and proxies stay, and fail to reach it. */
  stopEngine(): Promise<void>;
  /** Starts the stopped engine again on its port, with the table made again (empty). */
  startEngine(): Promise<void>;
}
