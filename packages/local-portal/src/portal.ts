import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  startChangeFeed,
  startEmbeddedDynamoDb,
  type ChangeFeed,
  type EmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { backfillLatestOrders } from '@workflow-orders/table';
import { readDemoWorkflows } from './demoWorkflows';
import { startLocalProjector } from './localProjector';
import {
  assertPortsFree,
  OutputTarget,
  Service,
  startService,
  waitForUrl,
} from './processes';
import { seedDemoOrders } from './seed';

const ROOT = resolve(__dirname, '../../..');
const BACKSTAGE_CLI = require.resolve('@backstage/cli/bin/backstage-cli');
const NODE_TRANSFORM =
  require.resolve('@backstage/cli/config/nodeTransform.cjs');

/** The API token of the local portal when `WORKFLOW_ORDERS_API_TOKEN` is not set. */
export const DEFAULT_API_TOKEN = 'local-workflow-orders-token';

/** Options of {@link startPortal}. */
export interface PortalOptions {
  /**
   * Folder of the portal's local state; the DynamoDB data lives in its `dynamodb` folder.
   *
   * @default '<repo>/.local'
   */
  readonly dataDir?: string;
  /**
   * Loopback ports. Ports other than the defaults are passed to Backstage in an extra config file.
   *
   * @default { app: 3000, backend: 7007, dynamodb: 8001 }
   */
  readonly ports?: { app: number; backend: number; dynamodb: number };
  /** Interval of the demo engine; its own default (30 s) when not given. */
  readonly demoIntervalMs?: number;
  /**
   * Restart the backend when its source or a plugin's changes, as `backstage-cli package start` does.
   * Tests turn it off: a restart empties the in-memory database and signs the browser out.
   *
   * @default true
   */
  readonly watch?: boolean;
  /** Where the output of the backend, the app and the demo engine goes. */
  readonly output?: 'terminal' | 'files';
  /** Aborts the start: whatever was started is stopped and the promise rejects. */
  readonly signal?: AbortSignal;
  /** Receives the portal's own progress lines. */
  readonly log?: (line: string) => void;
}

/** A running local portal. */
export interface Portal {
  readonly appUrl: string;
  readonly backendUrl: string;
  readonly dynamodbEndpoint: string;
  readonly apiToken: string;
  readonly dataDir: string;
  /** Stops the embedded DynamoDB (data is kept), to see how the portal behaves without it. */
  stopDynamoDb(): Promise<void>;
  /** Starts the embedded DynamoDB again on the same port and data. */
  startDynamoDb(): Promise<void>;
  /** Stops every process of the portal. */
  stop(): Promise<void>;
}

function portsConfig(ports: NonNullable<PortalOptions['ports']>) {
  return `app:
  baseUrl: http://localhost:${ports.app}
backend:
  baseUrl: http://localhost:${ports.backend}
  listen:
    port: ${ports.backend}
  cors:
    origin: http://localhost:${ports.app}
workflowOrders:
  dynamodb:
    endpoint: http://localhost:${ports.dynamodb}
`;
}

/**
 * Starts the local portal: the embedded DynamoDB (seeded with the demo history on first start), the
 * demo engine, the Backstage backend and the app dev server, and waits until all of them answer.
 * On failure everything started so far is stopped again.
 */
export async function startPortal(
  options: PortalOptions = {},
): Promise<Portal> {
  const log = options.log ?? (line => process.stdout.write(`${line}\n`));
  const dataDir = resolve(options.dataDir ?? join(ROOT, '.local'));
  const ports = options.ports ?? { app: 3000, backend: 7007, dynamodb: 8001 };
  const apiToken = process.env.WORKFLOW_ORDERS_API_TOKEN || DEFAULT_API_TOKEN;
  const output = (name: string): OutputTarget =>
    options.output === 'files'
      ? { kind: 'file', path: join(dataDir, `${name}.log`) }
      : { kind: 'terminal' };

  await assertPortsFree(ports);
  mkdirSync(dataDir, { recursive: true });

  const services: Service[] = [];
  // The table's clients reach dynalite through its change feed, which gives the table the stream
  // that dynalite lacks; the stream projector runs on it as on AWS.
  const projector = startLocalProjector({
    endpoint: `http://localhost:${ports.dynamodb}`,
    tableName: 'workflow_orders',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    failureLog: join(dataDir, 'projector-failures.jsonl'),
    output: output('projector'),
    log,
  });
  let dynamodb: EmbeddedDynamoDb | undefined;
  let feed: ChangeFeed | undefined;
  const startDynamoDb = async () => {
    dynamodb = await startEmbeddedDynamoDb({
      path: join(dataDir, 'dynamodb'),
    }).catch(error => {
      // dynalite cannot add an index to a table kept from an older version of the portal.
      if (/did not add the .* index/.test(String(error?.message))) {
        throw new Error(
          `${error.message}. The local table in ${dataDir} is from before that index: delete ` +
            `${join(dataDir, 'dynamodb')} and ${join(dataDir, 'demo-seeded')} to start with a new one`,
          { cause: error },
        );
      }
      throw error;
    });
    feed = await startChangeFeed({
      target: dynamodb.endpoint,
      port: ports.dynamodb,
      tableName: dynamodb.tableName,
      onError: error => log(`Change feed: ${error.message}`),
    }).catch(async error => {
      await dynamodb?.stop();
      throw error;
    });
    feed.subscribe(records => projector.push(records));
  };
  const stopDynamoDb = async () => {
    await feed?.close();
    feed = undefined;
    await dynamodb?.stop();
    dynamodb = undefined;
  };
  // The catch-up: orders the projector did not finish with when the portal or its DynamoDB last
  // stopped, or that a table from before the change feed holds, get their latest-order items, as
  // `table backfill` gives them to a table that existed before the projector was deployed.
  const catchUp = async () => {
    const client = dynamodb!.createClient({ endpoint: feed!.endpoint });
    try {
      const caughtUp = await backfillLatestOrders({
        client,
        tableName: dynamodb!.tableName,
      });
      log(
        `Caught up the latest-order items: ${caughtUp.workflows} workflows with orders,` +
          ` ${caughtUp.written} items written`,
      );
    } finally {
      client.destroy();
    }
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const service of [...services].reverse()) await service.stop();
      // A batch cut short here is not lost: the next start's catch-up reads the table.
      await projector.stop(5_000);
      await stopDynamoDb();
    })());

  try {
    await startDynamoDb();
    log(
      `DynamoDB (dynalite) on ${feed!.endpoint} through its change feed to the stream projector, data in ${join(dataDir, 'dynamodb')}`,
    );
    // Every client of the portal's table writes through the change feed.
    const clientConfig = {
      ...dynamodb!.clientConfig,
      endpoint: feed!.endpoint,
    };

    const seededMarker = join(dataDir, 'demo-seeded');
    const client = dynamodb!.createClient({ endpoint: feed!.endpoint });
    try {
      if (!existsSync(seededMarker)) {
        const recorder = createOrderRecorder({
          clientConfig,
          executionContext: 'demo-seed',
        });
        // The orders written as the original engine wrote them reach the stream projector through
        // the change feed, as on AWS, so they are on the Workflow orders page too.
        const result = await seedDemoOrders({
          recorder,
          putItem: async Item => {
            await client.send(
              new PutItemCommand({ TableName: dynamodb!.tableName, Item }),
            );
          },
          workflows: readDemoWorkflows(),
        });
        log(
          `Seeded the demo history through the recorder: ${result.recorded} orders recorded` +
            ` (${result.expired} of them older than 7 days), ${result.failed} not recorded;` +
            ` ${result.written} written as the original engine wrote them`,
        );
        writeFileSync(seededMarker, `${new Date().toISOString()}\n`);
      }
      await catchUp();
    } finally {
      client.destroy();
    }

    const env: NodeJS.ProcessEnv = {
      BROWSER: 'none',
      WORKFLOW_ORDERS_API_TOKEN: apiToken,
    };
    const isDefaultPorts =
      ports.app === 3000 && ports.backend === 7007 && ports.dynamodb === 8001;
    const configArgs: string[] = [];
    if (!isDefaultPorts) {
      const portsFile = join(dataDir, 'app-config.ports.yaml');
      writeFileSync(portsFile, portsConfig(ports));
      configArgs.push(
        '--config',
        join(ROOT, 'app-config.yaml'),
        '--config',
        portsFile,
      );
    }

    services.push(
      startService({
        name: 'demo-engine',
        command: process.execPath,
        args: ['--require', NODE_TRANSFORM, join(__dirname, 'demo-engine.ts')],
        cwd: ROOT,
        env: {
          ...env,
          WORKFLOW_ORDERS_DYNAMODB_ENDPOINT: `http://localhost:${ports.dynamodb}`,
          ...(options.demoIntervalMs
            ? {
                WORKFLOW_ORDERS_DEMO_INTERVAL_MS: String(
                  options.demoIntervalMs,
                ),
              }
            : {}),
        },
        output: output('demo-engine'),
      }),
    );
    const backend = startService({
      name: 'backend',
      command: process.execPath,
      args:
        options.watch === false
          ? ['--require', NODE_TRANSFORM, 'src/index.ts', ...configArgs]
          : [BACKSTAGE_CLI, 'package', 'start', ...configArgs],
      cwd: join(ROOT, 'packages/backend'),
      env: {
        ...env,
        NODE_ENV: 'development',
        // One log line per request would bury everything else in the terminal.
        LOG_LEVEL:
          process.env.LOG_LEVEL ??
          (options.output === 'files' ? 'info' : 'warn'),
      },
      output: output('backend'),
    });
    services.push(backend);
    const app = startService({
      name: 'app',
      command: process.execPath,
      args: [BACKSTAGE_CLI, 'package', 'start', ...configArgs],
      cwd: join(ROOT, 'packages/app'),
      env,
      output: output('app'),
    });
    services.push(app);

    const backendUrl = `http://localhost:${ports.backend}`;
    const appUrl = `http://localhost:${ports.app}`;
    await waitForUrl(`${backendUrl}/.backstage/health/v1/readiness`, {
      timeoutMs: 180_000,
      service: backend,
      signal: options.signal,
    });
    log(`Backend ready on ${backendUrl}`);
    await waitForUrl(appUrl, {
      timeoutMs: 180_000,
      service: app,
      signal: options.signal,
    });
    log(`App ready on ${appUrl}`);

    return {
      appUrl,
      backendUrl,
      dynamodbEndpoint: `http://localhost:${ports.dynamodb}`,
      apiToken,
      dataDir,
      stopDynamoDb,
      startDynamoDb: async () => {
        await startDynamoDb();
        await catchUp();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
