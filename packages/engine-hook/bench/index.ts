/**
 * Measures, in one run: what `record()` costs the engine per call, how fast `flush()` writes to the
 * embedded DynamoDB, and how long a command-line engine is held up at exit when DynamoDB never
 * answers. Run with `npm run bench` in this package.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WorkflowOrderInput } from '@workflow-orders/table';
import {
  anOrder,
  benchResult,
  reportBench,
  startEmbeddedDynamoDb,
  startFaultProxy,
} from '@workflow-orders/test-utils';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrderRecorder } from '../src';
import { measureOutage, OUTAGE_ORDERS } from './outage';

const CALLS = 100_000;
const FLUSH_ORDERS = 2_000;
const EXIT_DEADLINE_MS = 1_000;
const quiet = { warn: () => {}, error: () => {} };

const order = (workflowId: string, i: number): WorkflowOrderInput =>
  anOrder({
    workflow_id: workflowId,
    order_price: 7850.25 + (i % 100),
    order_quantity: 1 + (i % 10),
    order_direction: i % 2 ? 'SELL' : 'BUY',
    asset_type: 'CfdOnIndex',
  });

function percentile(sorted: bigint[], p: number): number {
  return (
    Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]) /
    1000
  );
}

/**
 * Cost of record() alone: a client that answers at once keeps DynamoDB out of the figure. The event
 * loop turns between two calls, as an engine's does between two orders, so the recorder's
 * background writes drain the queue between calls (never inside a timed one): without the turns
 * the 100,000 orders pile up in memory and the figure measures the garbage collector marking them.
 * Two rounds of as many calls warm the code (an engine records all day; after one, the figure still
 * moved by half between runs); the third is timed.
 */
async function measureRecord() {
  const client = {
    send: async () => ({}),
  } as unknown as DynamoDBDocumentClient;
  const workflowId = randomUUID();
  const orders = Array.from({ length: CALLS }, (_, i) => order(workflowId, i));
  const costs = new Array<bigint>(CALLS);
  let measured = { recorded: 0, pending: 0 };
  for (const round of ['warm-up', 'warm-up', 'timed']) {
    const recorder = createOrderRecorder({
      client,
      maxQueue: CALLS,
      logger: quiet,
    });
    for (let i = 0; i < CALLS; i++) {
      await new Promise(setImmediate);
      const start = process.hrtime.bigint();
      recorder.record(orders[i]);
      costs[i] = process.hrtime.bigint() - start;
    }
    const flushed = await recorder.flush({ timeoutMs: 120_000 });
    if (round === 'timed') measured = flushed;
  }
  costs.sort((a, b) => Number(a - b));

  // The writes' own ceiling: the same calls queued at once, then drained.
  const drained = createOrderRecorder({
    client,
    maxQueue: CALLS,
    logger: quiet,
  });
  for (let i = 0; i < CALLS; i++) drained.record(orders[i]);
  const drainStart = process.hrtime.bigint();
  await drained.flush({ timeoutMs: 120_000 });
  const drainSeconds = Number(process.hrtime.bigint() - drainStart) / 1e9;
  return {
    median: percentile(costs, 0.5),
    p99: percentile(costs, 0.99),
    accepted: measured.recorded + measured.pending,
    ceilingPerSecond: Math.round(CALLS / drainSeconds),
  };
}

async function measureFlush(endpointConfig: object, concurrency: number) {
  const recorder = createOrderRecorder({
    clientConfig: endpointConfig,
    maxQueue: FLUSH_ORDERS,
    concurrency,
    logger: quiet,
  });
  const workflows = Array.from({ length: 20 }, () => randomUUID());
  const started = process.hrtime.bigint();
  for (let i = 0; i < FLUSH_ORDERS; i++)
    recorder.record(order(workflows[i % 20], i));
  const result = await recorder.flush({ timeoutMs: 120_000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: Math.round(result.recorded / seconds), result };
}

/** Wall time of the CLI example from spawn to exit, and from its flush result to exit. */
function runCli(env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, '..', 'examples', 'cli.ts'),
      randomUUID(),
      String(EXIT_DEADLINE_MS),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let resultAt = 0;
  child.stdout.on('data', () => {
    resultAt ||= Date.now();
  });
  return new Promise<{
    wallMs: number;
    afterFlushMs: number;
    code: number | null;
  }>(resolve =>
    child.on('exit', code => {
      const exitAt = Date.now();
      resolve({
        wallMs: exitAt - started,
        afterFlushMs: exitAt - resultAt,
        code,
      });
    }),
  );
}

async function main() {
  // Orders the bench's engines keep go to a folder of the run, never to the user's state directory.
  process.env.WORKFLOW_ORDERS_STATE_DIR = mkdtempSync(
    join(tmpdir(), 'workflow-orders-state-'),
  );
  const record = await measureRecord();

  const db = await startEmbeddedDynamoDb();
  const proxy = await startFaultProxy({ target: db.endpoint, blackhole: true });
  try {
    const flush8 = await measureFlush(db.clientConfig, 8);
    const flush16 = await measureFlush(db.clientConfig, 16);

    const env = {
      AWS_REGION: db.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      WORKFLOW_ORDERS_TABLE: db.tableName,
    };
    const healthy = await runCli({
      ...env,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    });
    const blackholed = await runCli({
      ...env,
      AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
    });
    const outage = await measureOutage(db, proxy);

    const rows: [string, string, string][] = [
      ['record() per call, median', `${record.median.toFixed(1)} µs`, '-'],
      ['record() per call, p99', `${record.p99.toFixed(1)} µs`, '< 50 µs'],
      ['record() calls accepted', `${record.accepted} of ${CALLS}`, `${CALLS}`],
      [
        'flush, a client answering at once (ceiling)',
        `${record.ceilingPerSecond} orders/s`,
        '-',
      ],
      [
        `flush ${FLUSH_ORDERS} orders, concurrency 8`,
        `${flush8.perSecond} orders/s`,
        '-',
      ],
      [
        `flush ${FLUSH_ORDERS} orders, concurrency 16`,
        `${flush16.perSecond} orders/s`,
        '-',
      ],
      ['CLI exit, DynamoDB healthy', `${healthy.wallMs} ms`, '-'],
      ['CLI exit, DynamoDB black-holed', `${blackholed.wallMs} ms`, '-'],
      [
        'held up at exit (black-holed - healthy)',
        `${blackholed.wallMs - healthy.wallMs} ms`,
        `${EXIT_DEADLINE_MS} ms flush deadline`,
      ],
      [
        'exit after the flush resolved',
        `${blackholed.afterFlushMs} ms`,
        '~0 ms',
      ],
    ];
    const width = [0, 1, 2].map(c =>
      Math.max(...rows.map(r => r[c].length), 8),
    );
    const line = (r: string[]) =>
      r.map((cell, c) => cell.padEnd(width[c])).join('  ');
    process.stdout.write(`engine: ${db.engine}\n`);
    process.stdout.write(`${line(['measure', 'measured', 'target'])}\n`);
    process.stdout.write(`${line(width.map(w => '-'.repeat(w)))}\n`);
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
    reportBench('engine hook', [
      benchResult('record_p99_us', record.p99, 'µs', '< 50'),
      // Held up by the flush's deadline, and not much more, when DynamoDB never answers.
      benchResult(
        'flush_exit_ms',
        blackholed.wallMs - healthy.wallMs,
        'ms',
        `<= ${EXIT_DEADLINE_MS + 100}`,
      ),
      // Every order of the outage stored once: from the spill file, and from the Lambda log.
      benchResult(
        'outage_cli_stored_once',
        outage.cliStored,
        'orders',
        `== ${OUTAGE_ORDERS}`,
      ),
      benchResult(
        'outage_lambda_stored_once',
        outage.lambdaStored,
        'orders',
        `== ${OUTAGE_ORDERS}`,
      ),
      benchResult('outage_heap_added_mb', outage.heapAddedMb, 'MB', '<= 32'),
      benchResult('outage_spill_mb', outage.spillMb, 'MB', '<= 64'),
    ]);
  } finally {
    await proxy.close();
    await db.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
