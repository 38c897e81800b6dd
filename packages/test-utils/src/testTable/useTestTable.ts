import {
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ordersTable } from '@workflow-orders/table';
import { embeddedEngine } from '../embedded';
import type { FaultProxyOptions } from '../faultProxy';
import { runCleanups, type Cleanup } from './cleanups';
import { deleteTable, makeOrdersTable } from './ordersTables';
import { acquireEngine, type SharedEngine } from './sharedEngine';
import {
  allItemsOf,
  largestItemLike,
  latestItemOf,
  orderItemsOf,
} from './tableItems';
import { setUpInFront, startTestFaultProxy, type Setup } from './tableSetup';
import type {
  CreateTestTableOptions,
  TestTable,
  TestTableOptions,
} from './types';

const NOT_READY =
  'The test table is ready inside tests and inside hooks registered after useTestTable, ' +
  'not at the top level of a test file';

let tableCount = 0;

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
    if (this.tableName) {
      await this.makeTable(this.tableName, this.options.latestOrdersIndex);
      if (this.options.scope === 'test') {
        this.onCleanup(() => this.deleteTable(this.tableName));
      }
    }
    this.setup = await setUpInFront(
      this.shared.db,
      this.tableName,
      this.options,
      this.onCleanup,
    );
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

  readonly startFaultProxy = (
    options: Omit<FaultProxyOptions, 'target'> = {},
  ) => startTestFaultProxy(this.clientConfig, options, this.onCleanup);

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

  readonly latestOf = (workflowId: string) =>
    latestItemOf(this.documents, this.tableName, workflowId);

  readonly ordersOf = (workflowId: string) =>
    orderItemsOf(this.documents, this.tableName, workflowId);

  readonly scanItems = () => allItemsOf(this.client, this.tableName);

  readonly largestItem = async <T extends Record<string, unknown>>(item: T) => {
    const sizing = `${this.tableName || 'orders'}_sizing`;
    await this.makeTable(sizing);
    return largestItemLike(this.documents, sizing, item);
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
