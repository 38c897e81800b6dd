import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLocalTable } from './localTable';
import {
  DEFAULT_PORTS,
  startPortalServices,
  type PortalServices,
} from './portalServices';
import { assertPortsFree, type OutputTarget, waitForUrl } from './processes';

const ROOT = resolve(__dirname, '../../..');

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

/**
 * Starts the local portal: the embedded DynamoDB (seeded with the demo history on first start) with
 * its change feed and stream projector, the demo engine, the Backstage backend and the app dev
 * server, and waits until all of them answer. On failure everything started so far is stopped again.
 */
export async function startPortal(
  options: PortalOptions = {},
): Promise<Portal> {
  const log = options.log ?? (line => process.stdout.write(`${line}\n`));
  const dataDir = resolve(options.dataDir ?? join(ROOT, '.local'));
  const ports = options.ports ?? DEFAULT_PORTS;
  const apiToken = process.env.WORKFLOW_ORDERS_API_TOKEN || DEFAULT_API_TOKEN;
  const output = (name: string): OutputTarget =>
    options.output === 'files'
      ? { kind: 'file', path: join(dataDir, `${name}.log`) }
      : { kind: 'terminal' };

  await assertPortsFree(ports);
  mkdirSync(dataDir, { recursive: true });

  const table = createLocalTable({
    dataDir,
    port: ports.dynamodb,
    output,
    log,
  });
  let services: PortalServices | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (services) {
        for (const service of [
          services.app,
          services.backend,
          services.demoEngine,
        ]) {
          await service.stop();
        }
      }
      await table.close();
    })());

  try {
    await table.start();
    log(
      `DynamoDB (dynalite) on ${table.endpoint} through its change feed to the stream projector, data in ${join(dataDir, 'dynamodb')}`,
    );
    await table.seedOnce();
    await table.catchUp();

    services = startPortalServices({
      ports,
      dataDir,
      apiToken,
      demoIntervalMs: options.demoIntervalMs,
      watch: options.watch !== false,
      output,
      // One log line per request would bury everything else in the terminal.
      logLevel:
        process.env.LOG_LEVEL ?? (options.output === 'files' ? 'info' : 'warn'),
    });
    const backendUrl = `http://localhost:${ports.backend}`;
    const appUrl = `http://localhost:${ports.app}`;
    await waitForUrl(`${backendUrl}/.backstage/health/v1/readiness`, {
      timeoutMs: 180_000,
      service: services.backend,
      signal: options.signal,
    });
    log(`Backend ready on ${backendUrl}`);
    await waitForUrl(appUrl, {
      timeoutMs: 180_000,
      service: services.app,
      signal: options.signal,
    });
    log(`App ready on ${appUrl}`);

    return {
      appUrl,
      backendUrl,
      dynamodbEndpoint: table.endpoint,
      apiToken,
      dataDir,
      stopDynamoDb: table.stop,
      startDynamoDb: async () => {
        await table.start();
        await table.catchUp();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
