/**
 * Measures the latest-order backfill on a table of orders in the embedded DynamoDB (dynalite, in a
 * process of its own): items scanned per second with one Scan segment and with eight, and how close
 * `maxReadUnits` keeps the read rate to its limit. Run with `npm run bench` in this package;
 * `BENCH_ORDERS` sets the number of orders (by default as many as load in about a minute, at most
 * 1,000,000).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  anOrder,
  benchResult,
  reportBench,
  startDynamoDbProcess,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { backfillLatestOrders, ORDER_RETENTION_SECONDS } from '../src';

const TABLE = 'workflow_orders';
const WORKFLOWS = 500;
const MAX_ORDERS = 1_000_000;
/** Loading gets about this long; the three measured runs take about as long again. */
const LOAD_BUDGET_SECONDS = 60;
/** The limited run is stopped after this long: its rate is what is measured. */
const LIMITED_RUN_MS = 20_000;

const now = Math.floor(Date.now() / 1000);
const workflows = Array.from({ length: WORKFLOWS }, () => randomUUID());

function orderAt(i: number) {
  const placed_at =
    now - 3600 - (i % 500_000) * 0.5 - Math.floor(i / 500_000) * 0.25;
  return {
    ...anOrder({ workflow_id: workflows[i % WORKFLOWS] }),
    id: `bench-${i}`,
    placed_at,
    ttl: Math.floor(placed_at) + ORDER_RETENTION_SECONDS,
  };
}

/** Writes orders `from` to `to` (excluded) with BatchWriteItem, 8 requests in flight. */
async function load(
  documents: DynamoDBDocumentClient,
  from: number,
  to: number,
) {
  let next = from;
  const writer = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + 25);
      let requests = Array.from({ length: next - start }, (_, k) => ({
        PutRequest: { Item: orderAt(start + k) },
      }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await documents.send(
          new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }),
        );
        requests = (UnprocessedItems?.[TABLE] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, writer));
}

async function timedBackfill(client: DynamoDBClient, segments: number) {
  const started = performance.now();
  const result = await backfillLatestOrders({
    client,
    tableName: TABLE,
    segments,
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    itemsPerSecond: result.scanned / seconds,
    readUnitsPerSecond: result.consumedCapacity / seconds,
    seconds,
    result,
  };
}

async function main() {
  const db = await startDynamoDbProcess({ tableName: TABLE, latencyMs: 0 });
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: db.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = DynamoDBDocumentClient.from(client);
  try {
    // The load rate first, to choose a table that loads in about a minute on this machine.
    const probe = 5_000;
    const probeStart = performance.now();
    await load(documents, 0, probe);
    const loadRate = probe / ((performance.now() - probeStart) / 1000);
    const orders =
      Number(process.env.BENCH_ORDERS) ||
      Math.min(
        MAX_ORDERS,
        Math.max(
          probe,
          Math.round((loadRate * LOAD_BUDGET_SECONDS) / 1000) * 1000,
        ),
      );
    process.stdout.write(
      `load rate ${Math.round(loadRate)} orders/s: loading ${orders.toLocaleString('en-US')} orders ` +
        `of ${WORKFLOWS} workflows (BENCH_ORDERS overrides)\n`,
    );
    const loadStart = performance.now();
    await load(documents, probe, orders);
    process.stdout.write(
      `loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s\n`,
    );

    const one = await timedBackfill(client, 1);
    const eight = await timedBackfill(client, 8);
    for (const [name, run] of [
      ['1 segment', one],
      ['8 segments', eight],
    ] as const) {
      process.stdout.write(
        `${name}: ${run.result.scanned} items in ${run.seconds.toFixed(1)} s, ` +
          `${Math.round(run.itemsPerSecond)} items/s, ${run.readUnitsPerSecond.toFixed(1)} RCU/s ` +
          `(${run.result.workflows} workflows, ${run.result.written} written, ${run.result.current} current)\n`,
      );
    }

    // Half the unlimited rate, read for a fixed time: the rate achieved against the limit.
    const limit = Math.max(
      1,
      Math.round(
        Math.max(one.readUnitsPerSecond, eight.readUnitsPerSecond) / 2,
      ),
    );
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), LIMITED_RUN_MS);
    const started = performance.now();
    const limited = await backfillLatestOrders({
      client,
      tableName: TABLE,
      segments: 4,
      maxReadUnits: limit,
      signal: stop.signal,
    });
    clearTimeout(timer);
    const achieved =
      limited.consumedCapacity / ((performance.now() - started) / 1000);
    const errorPct = (Math.abs(achieved - limit) / limit) * 100;
    process.stdout.write(
      `--max-rcu ${limit}: ${achieved.toFixed(1)} RCU/s achieved over ${limited.scanned} items ` +
        `(${limited.stopped ? 'stopped after' : 'finished within'} ${LIMITED_RUN_MS / 1000} s)\n`,
    );

    reportBench(
      `Backfill (${orders.toLocaleString('en-US')} orders, dynalite)`,
      [
        benchResult(
          'backfill_items_per_s_1_segment',
          one.itemsPerSecond,
          'items/s',
          '>= 2000',
        ),
        benchResult(
          'backfill_items_per_s_8_segments',
          eight.itemsPerSecond,
          'items/s',
          '>= 2000',
        ),
        benchResult('backfill_rcu_limit_error_pct', errorPct, '%', '<= 10'),
      ],
    );
  } finally {
    client.destroy();
    await db.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
