/*
 * Runs the embedded DynamoDB (dynalite) and the fault proxy in a process of their own, so the DynamoDB
 * side does not take CPU from the code being measured (in production it is another machine). The
 * benchmarks use it; the parent talks to it over the fork IPC channel.
 */
import { fork } from 'node:child_process';
import { startEmbeddedDynamoDb, type EmbeddedEngine } from './embedded';
import {
  startFaultProxy,
  type FaultProxySettings,
  type FaultProxyStats,
} from './faultProxy';

const READY = 'workflow-orders-dynamodb-ready';
const STATS = 'workflow-orders-dynamodb-stats';

/** The embedded DynamoDB process, seen from the benchmark. @public */
export interface DynamoDbProcess {
  /** The embedded DynamoDB itself. */
  readonly endpoint: string;
  /** The fault proxy in front of it. */
  readonly proxyEndpoint: string;
  readonly tableName: string;
  readonly region: string;
  setProxy(settings: Partial<FaultProxySettings>): void;
  /** What the fault proxy has counted so far, requests by operation among it. */
  proxyStats(): Promise<FaultProxyStats>;
  stop(): Promise<void>;
}

/** Forks this file as the DynamoDB process and waits until it serves. @public */
export async function startDynamoDbProcess(options: {
  tableName: string;
  latencyMs: number;
  /** The engine (default: the embedded default, dynalite unless WORKFLOW_ORDERS_DYNAMODB_ENGINE says). */
  engine?: EmbeddedEngine;
}): Promise<DynamoDbProcess> {
  const child = fork(__filename, [JSON.stringify(options)], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    stdio: 'inherit',
  });
  const ready = await new Promise<any>((resolve, reject) => {
    // The TypeScript loader of the child talks over the same channel; wait for our own message.
    child.on('message', (message: any) => {
      if (message?.type === READY) resolve(message);
    });
    child.once('exit', code =>
      reject(new Error(`DynamoDB process exited with ${code}`)),
    );
  });
  return {
    ...ready,
    setProxy: settings => child.send({ settings }),
    proxyStats: () =>
      new Promise(resolve => {
        const answer = (message: any) => {
          if (message?.type !== STATS) return;
          child.off('message', answer);
          resolve(message.stats);
        };
        child.on('message', answer);
        child.send({ stats: true });
      }),
    stop: () =>
      new Promise(resolve => {
        child.once('exit', () => resolve());
        child.send({ stop: true });
      }),
  };
}

async function serve() {
  const options = JSON.parse(process.argv[2]);
  const db = await startEmbeddedDynamoDb({
    tableName: options.tableName,
    engine: options.engine,
  });
  const proxy = await startFaultProxy({
    target: db.endpoint,
    latencyMs: options.latencyMs,
  });
  // A benchmark that dies leaves no DynamoDB behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: any) => {
    if (message?.settings) proxy.set(message.settings);
    if (message?.stats) process.send!({ type: STATS, stats: proxy.stats() });
    if (message?.stop) {
      await proxy.close();
      await db.stop();
      process.exit(0);
    }
  });
  process.send!({
    type: READY,
    endpoint: db.endpoint,
    proxyEndpoint: proxy.endpoint,
    tableName: db.tableName,
    region: db.region,
  });
}

if (require.main === module) {
  serve().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
