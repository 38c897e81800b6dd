/*
 * The Workflow orders page (GET /latest-orders, a page of 50 rows from the latest-orders index)
 * against the original product's approach on the same data: a full Scan of the table, paginated,
 * then the latest order of each workflow in memory, sorted, the first 50. 500 workflows with 7 days
 * of 20 orders a day (70,000 orders), in a table of its own in the benchmark's DynamoDB process.
 * Then the page of a caller who may see 10 of 5,000 workflows (restricted.ts).
 */
import {
  benchResult,
  type BenchResult,
  type DynamoDbProcess,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrderTable, orderItem } from '../../src/__testUtils__/orders';
import { ms, percentile, timed } from '../support/measure';
import { benchRestricted } from './restricted';
import { countingClient, scanPage } from './scan';
import {
  createBenchTable,
  DAYS,
  ORDERS_A_DAY,
  PAGE,
  RESTRICTED_VISIBLE,
  RESTRICTED_WORKFLOWS,
  RUNS,
  SCAN_RUNS,
  startPageBackend,
  TABLE,
  WORKFLOWS,
} from './setup';

/** Writes 70,000 orders and the latest-order item of each of the 500 workflows. */
async function seed(db: DynamoDbProcess, now: number) {
  const table = await createBenchTable(db, TABLE);
  const workflowIds = Array.from({ length: WORKFLOWS }, () => randomUUID());
  const spacing = (DAYS * 24 * 3600 - 3600) / (DAYS * ORDERS_A_DAY);
  const items = workflowIds.flatMap((workflowId, index) =>
    Array.from({ length: DAYS * ORDERS_A_DAY }, (_, n) =>
      orderItem({
        workflow_id: workflowId,
        // Workflows interleave: each has its own offset within the spacing of its orders.
        placed_at: now - 1 - index * (spacing / WORKFLOWS) - n * spacing,
        order_direction: (index + n) % 2 ? 'SELL' : 'BUY',
      }),
    ),
  );
  const slices = 8;
  const size = Math.ceil(items.length / slices);
  const [seedMs] = await timed(async () => {
    const batches = Array.from({ length: slices }, (_, s) =>
      items.slice(s * size, (s + 1) * size),
    );
    await Promise.all(batches.map(batch => table.putAll(batch)));
    // The latest-order items as the recorder leaves them, from each workflow's newest order.
    await table.recordQuickly(
      workflowIds.map((_, index) => items[index * DAYS * ORDERS_A_DAY]),
    );
  });
  table.documents.destroy();
  return { workflowIds, orders: items.length, seedMs };
}

/** Measures both approaches and a restricted caller's page, prints them, and answers the measures. */
export async function benchLatestOrders(options: {
  db: DynamoDbProcess;
  latencyMs: number;
}): Promise<BenchResult[]> {
  const { db, latencyMs } = options;
  const now = Date.now() / 1000;
  const { workflowIds, orders, seedMs } = await seed(db, now);
  const backend = await startPageBackend(db, workflowIds, latencyMs);
  const { client, counts } = countingClient(db);
  const { documents } = new OrderTable(client, TABLE);

  // Both answer the same page, in the same order.
  const [ours, theirs] = [await backend.page(), await scanPage(documents, now)];
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    throw new Error('the latest-orders page and the Scan disagree');
  }

  for (let run = 0; run < 5; run += 1) await backend.page();
  const before = await db.proxyStats();
  const route: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    route.push((await timed(backend.page))[0]);
  }
  const after = await db.proxyStats();
  const queries =
    (after.operations.Query ?? 0) - (before.operations.Query ?? 0);
  const allRequests = after.requests - before.requests;

  const scanBefore = counts.Scan ?? 0;
  const scans: number[] = [];
  for (let run = 0; run < SCAN_RUNS; run += 1) {
    scans.push((await timed(() => scanPage(documents, now)))[0]);
  }
  const scanRequests = ((counts.Scan ?? 0) - scanBefore) / SCAN_RUNS;

  const speedUp = percentile(scans, 50) / percentile(route, 50);
  console.log(
    `\nWorkflow orders page: ${WORKFLOWS} workflows x ${DAYS} days x ${ORDERS_A_DAY} orders a day ` +
      `(${orders} orders, seeded in ${(seedMs / 1000).toFixed(1)} s), page of ${PAGE}, ` +
      `DynamoDB latency ${latencyMs} ms per call; catalog and policy ${latencyMs} ms each\n`,
  );
  console.table([
    {
      approach: 'GET /latest-orders (latest-orders index), over HTTP',
      runs: RUNS,
      p50: ms(percentile(route, 50)),
      p95: ms(percentile(route, 95)),
      'DynamoDB requests/page': (allRequests / RUNS).toFixed(1),
      'of which Query': (queries / RUNS).toFixed(1),
    },
    {
      approach: 'original: full Scan, latest per workflow in memory, sort, 50',
      runs: SCAN_RUNS,
      p50: ms(percentile(scans, 50)),
      p95: ms(percentile(scans, 95)),
      'DynamoDB requests/page': scanRequests.toFixed(1),
      'of which Query': '0',
    },
  ]);
  documents.destroy();
  await backend.stop();

  const restricted = await benchRestricted(db, latencyMs);
  console.log(
    `\nWorkflow orders page of ${PAGE}, ${RESTRICTED_WORKFLOWS} workflows: a caller who sees ` +
      `${RESTRICTED_VISIBLE} of them and operations, who see all\n`,
  );
  console.table([
    {
      caller: `sees ${RESTRICTED_VISIBLE}`,
      p50: ms(restricted.restrictedMs),
      'DynamoDB requests/page': restricted.requests.toFixed(1),
    },
    { caller: 'operations', p50: ms(restricted.operationsMs) },
  ]);
  return [
    benchResult('page_vs_scan_speedup', speedUp, 'x', '>= 50'),
    benchResult(
      'page_restricted_requests',
      restricted.requests,
      'requests',
      '<= 2',
    ),
    benchResult(
      'page_restricted_vs_ops_ratio',
      restricted.restrictedMs / restricted.operationsMs,
      'x',
      '<= 1.5',
    ),
  ];
}
