/**
 * Measures how many stream records per second the projector handles and how many UpdateItem
 * requests it sends: 2,000 orders of 100 workflows are written as another writer writes them
 * (BatchWriteItem) to AWS DynamoDB Local (Java), read back from the table's real stream, and handed
 * to the projector in batches of 100, one after another, as the event source mapping of the template
 * does for a shard. The projector writes the latest-order items with 5 ms per call (an in-region
 * round trip) to two stand-ins for DynamoDB: one with capacity to spare in a process of its own, as
 * a table in AWS spreads writes over partitions (the measure with the target), and dynalite in a process of its own behind
 * the fault proxy, whose processor is the limit on a small machine (about 1 ms per conditional
 * write). DynamoDB Local is not a target: it applies writes one at a time (about 3.5 ms each
 * here), which AWS does not; it is stopped once every record is read. Each projector first handles
 * 2,000 records of other workflows, measured apart as the cold figure (a busy table is projected by
 * a warm container), then three sets of 2,000 records of fresh workflows: the median set counts. Run with `npm run bench` in this package;
 * `--json <file>` writes the measures for the root `npm run bench`.
 */
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TableItem } from '@workflow-orders/table';
import {
  benchResult,
  reportBench,
  startDynamoDbProcess,
  startEmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import {
  inserted,
  storedOrder,
  streamEvent,
} from '../src/__testUtils__/lambdaRecords';
import { openTableStream } from '../src/__testUtils__/tableStream';
import { createLatestOrderProjector } from '../src';
import { startSpareCapacityDynamoDb } from './spareCapacityDynamoDb';

const ORDERS = 2_000;
const WORKFLOWS = 100;
const BATCH_SIZE = 100;
const LATENCY_MS = 5;
const quiet = { warn: () => {}, error: () => {} };

/**
 * 2,000 orders of 100 fresh workflows, a second apart: taking turns (each batch then holds an order
 * of every workflow), or one workflow's 20 orders after another (a batch holds 5 workflows).
 */
function ordersOf(layout: 'interleaved' | 'grouped'): TableItem[] {
  const workflows = Array.from({ length: WORKFLOWS }, () => randomUUID());
  const start = Math.floor(Date.now() / 1000) - ORDERS;
  const perWorkflow = ORDERS / WORKFLOWS;
  return Array.from({ length: ORDERS }, (_, i) => {
    const workflow =
      layout === 'interleaved' ? i % WORKFLOWS : Math.floor(i / perWorkflow);
    return storedOrder(workflows[workflow], start + i);
  });
}

async function writeAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: TableItem[],
) {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items
      .slice(i, i + 25)
      .map(Item => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const answer = await documents.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (answer.UnprocessedItems?.[tableName] ??
        []) as typeof requests;
    }
  }
}

/** Where the projector writes: an endpoint with the orders table. */
interface Target {
  readonly name: string;
  readonly endpoint: string;
  readonly tableName: string;
  readonly region: string;
}

/** The stream records of 2,000 orders in `layout`, as DynamoDB Local's stream gives them. */
async function recordsOf(
  layout: 'interleaved' | 'grouped',
  db: Awaited<ReturnType<typeof startEmbeddedDynamoDb>>,
  documents: DynamoDBDocumentClient,
): Promise<DynamoDBRecord[]> {
  const stream = await openTableStream(db.clientConfig, db.tableName);
  // Start after what earlier measures left on the stream.
  await stream.read();
  await writeAll(documents, db.tableName, ordersOf(layout));
  const records: DynamoDBRecord[] = await stream.read({ atLeast: ORDERS });
  stream.stop();
  return records;
}

/** How many sets of fresh workflows each projector is measured on, warm; the median counts. */
const WARM_SETS = 3;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(
  layout: 'interleaved' | 'grouped',
  recordSets: DynamoDBRecord[][],
  target: Target,
  credentials: { accessKeyId: string; secretAccessKey: string },
) {
  const projector = createLatestOrderProjector({
    tableName: target.tableName,
    clientConfig: {
      region: target.region,
      endpoint: target.endpoint,
      credentials,
    },
    logger: quiet,
  });
  const run = async (batches: DynamoDBRecord[]) => {
    const before = projector.stats();
    let failures = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < batches.length; i += BATCH_SIZE) {
      const response = await projector(
        streamEvent(batches.slice(i, i + BATCH_SIZE)),
      );
      failures += response.batchItemFailures.length;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = projector.stats();
    return {
      records: after.records - before.records,
      perSecond: Math.round((after.records - before.records) / seconds),
      updates: after.updates - before.updates,
      advanced: after.advanced - before.advanced,
      failures,
    };
  };
  // A container's first batches also load and compile the SDK's code paths; a busy table is
  // projected by a warm container, so the first 2,000 records (of other workflows, same layout)
  // are measured apart.
  const cold = await run(
    ordersOf(layout).map(item => inserted(item) as DynamoDBRecord),
  );
  const warm: Awaited<ReturnType<typeof run>>[] = [];
  for (const records of recordSets) warm.push(await run(records));
  const sum = (key: 'records' | 'updates' | 'advanced' | 'failures') =>
    warm.reduce((total, result) => total + result[key], 0);
  return {
    layout,
    target: target.name,
    cold: cold.perSecond,
    runs: warm.map(result => result.perSecond),
    perSecond: median(warm.map(result => result.perSecond)),
    records: sum('records'),
    updates: sum('updates'),
    advanced: sum('advanced'),
    failures: sum('failures'),
  };
}

async function main() {
  const db = await startEmbeddedDynamoDb({ engine: 'dynamodb-local' });
  const dynalite = await startDynamoDbProcess({
    tableName: 'latest_orders_bench',
    latencyMs: LATENCY_MS,
  });
  const spare = await startSpareCapacityDynamoDb(LATENCY_MS);
  const targets: Target[] = [
    {
      name: 'DynamoDB with capacity to spare',
      endpoint: spare.endpoint,
      tableName: dynalite.tableName,
      region: dynalite.region,
    },
    {
      name: 'dynalite, own process',
      endpoint: dynalite.proxyEndpoint,
      tableName: dynalite.tableName,
      region: dynalite.region,
    },
  ];
  const documents = DynamoDBDocumentClient.from(db.createClient());
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  let dbStopped = false;
  try {
    // Every record is read from the stream first, and DynamoDB Local (a JVM that keeps compiling and
    // collecting after a burst of writes) is stopped before anything is measured.
    const recordSets = { interleaved: [], grouped: [] } as Record<
      'interleaved' | 'grouped',
      DynamoDBRecord[][]
    >;
    for (const layout of ['interleaved', 'grouped'] as const) {
      for (let set = 0; set < WARM_SETS; set += 1) {
        recordSets[layout].push(await recordsOf(layout, db, documents));
      }
    }
    documents.destroy();
    await db.stop();
    dbStopped = true;
    const results = [];
    for (const layout of ['interleaved', 'grouped'] as const) {
      for (const target of targets) {
        results.push(
          await measure(layout, recordSets[layout], target, credentials),
        );
      }
    }
    const rows: string[][] = results.map(r => [
      r.layout === 'interleaved'
        ? `${ORDERS} orders, ${WORKFLOWS} workflows taking turns`
        : `${ORDERS} orders, ${WORKFLOWS} workflows one after another`,
      r.target,
      `${r.records}`,
      `${r.cold} records/s`,
      `${r.perSecond} records/s (${r.runs.join(', ')})`,
      `${r.updates}`,
      `${r.advanced}`,
      `${r.failures}`,
    ]);
    const header = [
      'measure',
      'latest-order items in',
      'records',
      'first 2,000 (cold)',
      `throughput (warm, median of ${WARM_SETS})`,
      'UpdateItem calls',
      'advanced',
      'failed',
    ];
    const width = header.map((h, c) =>
      Math.max(h.length, ...rows.map(r => r[c].length)),
    );
    const line = (r: string[]) =>
      r
        .map((cell, c) => cell.padEnd(width[c]))
        .join('  ')
        .trimEnd();
    process.stdout.write(
      `stream: ${db.engine}; ${LATENCY_MS} ms per DynamoDB call; batches of ${BATCH_SIZE}, one after another\n`,
    );
    process.stdout.write(`${line(header)}\n`);
    process.stdout.write(`${line(width.map(w => '-'.repeat(w)))}\n`);
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
    const [interleaved] = results;
    reportBench('stream projector', [
      benchResult(
        'projector_records_per_s',
        interleaved.failures === 0 ? interleaved.perSecond : 0,
        'records/s',
        '>= 2000',
      ),
    ]);
  } finally {
    await spare.stop();
    await dynalite.stop();
    if (!dbStopped) {
      documents.destroy();
      await db.stop();
    }
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
