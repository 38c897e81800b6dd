import {
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { latestOrderKeyOf, ordersTable } from '@workflow-orders/table';
import { startChangeFeed, type ChangeFeed } from '../changeFeed/changeFeed';
import { embeddedEngine } from '../embedded';
import { startFaultProxy, type FaultProxyOptions } from '../faultProxy';
import { openTableStream, type TableStream } from '../tableStream';
import { deleteTable, everyPage, makeOrdersTable } from './ordersTables';
import { acquireEngine, type SharedEngine } from './sharedEngine';
import type {
  CreateTestTableOptions,
  TestClientConfig,
  TestFaultProxy,
  TestTable,
  TestTableOptions,
} from './types';

const NOT_READY =
  'The test table is ready inside tests and inside hooks registered after useTestTable, ' +
  'not at the top level of a test file';

/** What the table's setup made, per file or per test. */
interface Setup {
  readonly endpoint: string;
  readonly clientConfig: TestClientConfig;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly proxy?: TestFaultProxy;
  readonly feed?: ChangeFeed;
  readonly stream?: TableStream;
}

type Cleanup = () => unknown;

let tableCount = 0;

function optionsOf<T extends object>(option: boolean | T | undefined) {
  if (!option) return undefined;
  return option === true ? ({} as T) : option;
}

class HookedTestTable implements TestTable {
  readonly tableName: string;
  private engineHandle?: SharedEngine;
  private setup?: Setup;
  private inTest = false;
  private readonly cleanups = { file: [] as Cleanup[], test: [] as Cleanup[] };

  constructor(private readonly options: TestTableOptions) {
    this.tableName =
      options.tableName === false
        ? ''
        : (options.tableName ?? ordersTable.defaultName);
    if (options.stream && embeddedEngine(options.engine) === 'dynalite') {
      throw new Error(
        'dynalite implements no streams: give useTestTable engine: "dynamodb-local" for the ' +
          'stream, or changeFeed for a stream on any engine',
      );
    }
  }

  async setUpFile() {
    this.engineHandle = await acquireEngine(this.options.engine);
    if (this.options.scope !== 'test') await this.setUpTable();
  }

  async setUpTest() {
    this.inTest = true;
    if (this.options.scope === 'test') {
      await this.setUpTable();
      return;
    }
    this.setup?.proxy?.reset();
    await this.setup?.stream?.read();
  }

  async tearDownTest() {
    this.inTest = false;
    await runCleanups(this.cleanups.test);
  }

  async tearDownFile() {
    await runCleanups(this.cleanups.file);
    await this.engineHandle?.release();
  }

  private get shared(): SharedEngine {
    if (!this.engineHandle) throw new Error(NOT_READY);
    return this.engineHandle;
  }

  private get ready(): Setup {
    if (!this.setup) throw new Error(NOT_READY);
    return this.setup;
  }

  readonly onCleanup = (cleanup: Cleanup) => {
    this.cleanups[this.inTest ? 'test' : 'file'].push(cleanup);
  };

  /** Makes the table and what stands in front of it, for the file or for the test. */
  private async setUpTable() {
    const db = this.shared.db;
    if (this.tableName) {
      await this.makeTable(this.tableName, this.options.latestOrdersIndex);
      if (this.options.scope === 'test') {
        this.onCleanup(() => this.deleteTable(this.tableName));
      }
    }
    const feedOptions = optionsOf(this.options.changeFeed);
    const feed = feedOptions
      ? await startChangeFeed({
          ...feedOptions,
          target: db.endpoint,
          tableName: this.tableName,
        })
      : undefined;
    if (feed) this.onCleanup(() => feed.close());
    const endpoint = feed?.endpoint ?? db.endpoint;
    const clientConfig = { ...db.clientConfig, endpoint, region: db.region };
    const client = new DynamoDBClient(clientConfig);
    this.onCleanup(() => client.destroy());
    this.setup = {
      endpoint,
      clientConfig,
      client,
      documents: DynamoDBDocumentClient.from(client, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      feed,
    };
    const proxyOptions = optionsOf(this.options.faultProxy);
    const proxy = proxyOptions && (await this.startFaultProxy(proxyOptions));
    const stream = this.options.stream
      ? await openTableStream(clientConfig, this.tableName)
      : undefined;
    if (stream) this.onCleanup(() => stream.stop());
    this.setup = { ...this.setup, proxy, stream };
  }

  /** Makes an orders table on the engine, by a client of the engine's own. */
  private async makeTable(tableName: string, latestOrdersIndex?: boolean) {
    const client = this.shared.db.createClient();
    try {
      await makeOrdersTable(client, tableName, latestOrdersIndex);
    } finally {
      client.destroy();
    }
  }

  private async deleteTable(tableName: string) {
    const client = this.shared.db.createClient();
    try {
      await deleteTable(client, tableName);
    } finally {
      client.destroy();
    }
  }

  get engine() {
    return this.shared.db.engine;
  }

  get region() {
    return this.shared.db.region;
  }

  get endpoint() {
    return this.ready.endpoint;
  }

  get clientConfig() {
    return this.ready.clientConfig;
  }

  get client() {
    return this.ready.client;
  }

  get documents() {
    return this.ready.documents;
  }

  get proxy() {
    if (!this.ready.proxy) {
      throw new Error('The test table has no fault proxy: ask for faultProxy');
    }
    return this.ready.proxy;
  }

  get feed() {
    if (!this.ready.feed) {
      throw new Error('The test table has no change feed: ask for changeFeed');
    }
    return this.ready.feed;
  }

  get stream() {
    if (!this.ready.stream) {
      throw new Error('The test table has no stream reader: ask for stream');
    }
    return this.ready.stream;
  }

  readonly createClient = (overrides: DynamoDBClientConfig = {}) => {
    const client = new DynamoDBClient({ ...this.clientConfig, ...overrides });
    this.onCleanup(() => client.destroy());
    return client;
  };

  readonly startFaultProxy = async (
    options: Omit<FaultProxyOptions, 'target'> = {},
  ) => {
    const proxy = await startFaultProxy({ ...options, target: this.endpoint });
    this.onCleanup(() => proxy.close());
    return {
      ...proxy,
      clientConfig: { ...this.clientConfig, endpoint: proxy.endpoint },
    };
  };

  readonly createTable = async (options: CreateTestTableOptions = {}) => {
    tableCount += 1;
    const tableName = options.tableName ?? `orders_extra_${tableCount}`;
    await this.makeTable(tableName, options.latestOrdersIndex);
    return tableName;
  };

  readonly put = async (item: Record<string, unknown>) => {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: item }),
    );
  };

  readonly latestOf = async (workflowId: string) => {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: latestOrderKeyOf(workflowId),
        ConsistentRead: true,
      }),
    );
    return Item;
  };

  readonly ordersOf = (workflowId: string) =>
    everyPage<Record<string, unknown>>(ExclusiveStartKey =>
      this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
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

  readonly scanItems = () =>
    everyPage<Record<string, AttributeValue>>(ExclusiveStartKey =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      ),
    );

  readonly largestItem = async <T extends Record<string, unknown>>(item: T) => {
    const sizing = `${this.tableName || 'orders'}_sizing`;
    await this.makeTable(sizing);
    const withPadding = (length: number) => ({
      ...item,
      padding: 'x'.repeat(length),
    });
    let [fits, tooLarge] = [1, 400 * 1024];
    while (tooLarge - fits > 1) {
      const length = Math.floor((fits + tooLarge) / 2);
      const stored = await this.documents
        .send(new PutCommand({ TableName: sizing, Item: withPadding(length) }))
        .then(
          () => true,
          () => false,
        );
      [fits, tooLarge] = stored ? [length, tooLarge] : [fits, length];
    }
    return withPadding(fits);
  };

  readonly environment = (endpoint = this.endpoint) => {
    return {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_REGION: this.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      WORKFLOW_ORDERS_TABLE: this.tableName,
    };
  };

  readonly stopEngine = async () => {
    await this.shared.stop();
  };

  readonly startEngine = async () => {
    await this.shared.start();
    if (this.tableName) {
      await this.makeTable(this.tableName, this.options.latestOrdersIndex);
    }
  };
}

/**
 * Gives a test file its DynamoDB table: call it once at the top level of the file (or of a
 * `describe`), and it registers the jest hooks that start the embedded engine (dynalite, or AWS
 * DynamoDB Local when `WORKFLOW_ORDERS_TEST_DYNAMODB=dynamodb-local`), make the orders table with
 * the table package's own `ensureOrdersTable`, put a fault proxy, a change feed or a stream reader
 * in front of it when asked, and clean all of it up after the tests.
 *
 * @example
 * ```ts
 * const table = useTestTable({ faultProxy: true });
 *
 * it('records the order', async () => {
 *   const recorder = createOrderRecorder({ clientConfig: table.proxy.clientConfig });
 *   // …
 *   expect(await table.ordersOf(workflowId)).toHaveLength(1);
 * });
 * ```
 *
 * @public
 */
export function useTestTable(options: TestTableOptions = {}): TestTable {
  const table = new HookedTestTable(options);
  const timeout = options.timeoutMs ?? 120_000;
  beforeAll(() => table.setUpFile(), timeout);
  beforeEach(() => table.setUpTest(), timeout);
  afterEach(() => table.tearDownTest(), timeout);
  afterAll(() => table.tearDownFile(), timeout);
  return table;
}

/** Runs clean-ups newest first, each even when an earlier one failed; throws the first failure. */
async function runCleanups(cleanups: Cleanup[]) {
  let failure: unknown;
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}
