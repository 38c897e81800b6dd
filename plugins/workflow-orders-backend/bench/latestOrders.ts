/*
 * The Workflow orders page (GET /latest-orders, a page of 50 rows from the latest-orders index)
 * against the original product's approach on the same data: a full Scan of the table, paginated,
 * then the latest order of each workflow in memory, sorted, the first 50. 500 workflows with 7 days
 * of 20 orders a day (70,000 orders), in a table of its own in the benchmark's DynamoDB process.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
import {
  ORDER_RETENTION_SECONDS,
  ensureOrdersTable,
  ordersTable,
} from '@workflow-orders/table';
import {
  benchResult,
  type BenchResult,
  type DynamoDbProcess,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { workflowOrdersPlugin } from '../src/plugin';
import { OrderTable, orderItem } from '../src/__testUtils__/orders';

const TABLE = 'orders_latest_bench';
const RESTRICTED_TABLE = 'orders_restricted_bench';
const RESTRICTED_WORKFLOWS = 5000;
const RESTRICTED_VISIBLE = 10;
const WORKFLOWS = 500;
const DAYS = 7;
const ORDERS_A_DAY = 20;
const PAGE = 50;
const RUNS = Number(process.env.BENCH_LATEST_RUNS ?? 50);
const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 10);
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

type Item = Record<string, unknown>;

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

/** A DynamoDB client whose requests a middleware counts, by operation. */
function countingClient(endpoint: string, region: string) {
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
  });
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async args => {
      const operation = String(context.commandName).replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return { client, counts };
}

/** Writes 70,000 orders and the latest-order item of each of the 500 workflows. */
async function seed(db: DynamoDbProcess, now: number) {
  const direct = new DynamoDBClient({
    endpoint: db.endpoint,
    region: db.region,
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureOrdersTable({ client: direct, tableName: TABLE });
  const table = new OrderTable(direct, TABLE);
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

/** A backend reading TABLE, with a catalog of the workflows and a policy each a round trip away. */
async function startBackend(
  db: DynamoDbProcess,
  workflowIds: string[],
  latencyMs: number,
  options: { table?: string; visible?: ReadonlySet<string> } = {},
) {
  const { table = TABLE, visible } = options;
  const entities = workflowIds.map((workflowId, index) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `workflow-${index}`,
      namespace: 'default',
      annotations: { [WORKFLOW_ID_ANNOTATION]: workflowId },
    },
    spec: { type: 'trading-workflow', owner: 'group:default/traders' },
  }));
  const delayed = <T>(value: T) =>
    new Promise<T>(resolve => setTimeout(() => resolve(value), latencyMs));
  const remoteCatalog = createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });
      const query = catalog.queryEntities.bind(catalog);
      catalog.queryEntities = async (...args) => delayed(await query(...args));
      return catalog;
    },
  });
  const remotePolicy = createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      // Everything, or only the entities of `visible` (and no workflow that no entity carries).
      authorize: async requests =>
        delayed(
          requests.map(request => ({
            result:
              !visible ||
              ('resourceRef' in request &&
                visible.has(String(request.resourceRef)))
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }),
  });
  const backend = await startTestBackend({
    features: [
      workflowOrdersPlugin,
      remoteCatalog,
      remotePolicy,
      mockServices.rootConfig.factory({
        data: {
          workflowOrders: {
            dynamodb: {
              endpoint: db.proxyEndpoint,
              tableName: table,
              region: db.region,
              credentials: LOCAL_CREDENTIALS,
            },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const page = async () => {
    const response = await fetch(
      `http://127.0.0.1:${port}/api/workflow-orders/latest-orders?limit=${PAGE}`,
    );
    const body = await response.json();
    if (!response.ok) {
      throw new Error(`/latest-orders answered ${response.status}`);
    }
    return (body.orders as Array<{ workflow_id: string }>).map(
      row => row.workflow_id,
    );
  };
  return { page, stop: () => backend.stop() };
}

/** The original product's page: Scan everything, keep each workflow's newest order, sort, take 50. */
async function scanPage(
  documents: { send: (command: ScanCommand) => Promise<any> },
  now: number,
) {
  const oldest = now - ORDER_RETENTION_SECONDS;
  const newest = new Map<string, Item>();
  let start: Item | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const placedAt = Number(item[ordersTable.sortKey]);
      // Orders only: the original table held nothing else, this one has latest-order items at 0.
      if (placedAt < oldest || typeof item.id !== 'string') continue;
      const workflowId = String(item[ordersTable.partitionKey]);
      const known = newest.get(workflowId);
      if (!known || Number(known[ordersTable.sortKey]) < placedAt) {
        newest.set(workflowId, item);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...newest.values()]
    .sort((a, b) => Number(b.placed_at) - Number(a.placed_at))
    .slice(0, PAGE)
    .map(item => String(item.workflow_id));
}

/**
 * The page for a caller who may see RESTRICTED_VISIBLE of RESTRICTED_WORKFLOWS workflows and for
 * operations, who see them all: its DynamoDB requests and p50s, taken in turns.
 */
async function benchRestricted(db: DynamoDbProcess, latencyMs: number) {
  const now = Date.now() / 1000;
  const direct = new DynamoDBClient({
    endpoint: db.endpoint,
    region: db.region,
    credentials: LOCAL_CREDENTIALS,
  });
  await ensureOrdersTable({ client: direct, tableName: RESTRICTED_TABLE });
  const table = new OrderTable(direct, RESTRICTED_TABLE);
  const workflowIds = Array.from({ length: RESTRICTED_WORKFLOWS }, () =>
    randomUUID(),
  );
  await table.recordQuickly(
    workflowIds.map((workflowId, index) =>
      orderItem({ workflow_id: workflowId, placed_at: now - 60 - index }),
    ),
  );
  table.documents.destroy();
  // Spread over the list, so that the index has pages of others between them.
  const step = RESTRICTED_WORKFLOWS / RESTRICTED_VISIBLE;
  const visible = new Set(
    Array.from(
      { length: RESTRICTED_VISIBLE },
      (_, n) => `component:default/workflow-${Math.floor(n * step + step / 2)}`,
    ),
  );
  const backends = {
    operations: await startBackend(db, workflowIds, latencyMs, {
      table: RESTRICTED_TABLE,
    }),
    restricted: await startBackend(db, workflowIds, latencyMs, {
      table: RESTRICTED_TABLE,
      visible,
    }),
  };
  const rows = await backends.restricted.page();
  if (rows.length !== RESTRICTED_VISIBLE) {
    throw new Error(`the restricted caller saw ${rows.length} rows`);
  }
  await backends.operations.page();
  const samples = { operations: [] as number[], restricted: [] as number[] };
  const before = await db.proxyStats();
  for (let run = 0; run < RUNS; run += 1) {
    samples.restricted.push((await timed(backends.restricted.page))[0]);
  }
  const requests = ((await db.proxyStats()).requests - before.requests) / RUNS;
  for (let run = 0; run < RUNS; run += 1) {
    samples.operations.push((await timed(backends.operations.page))[0]);
    samples.restricted.push((await timed(backends.restricted.page))[0]);
  }
  await backends.operations.stop();
  await backends.restricted.stop();
  return {
    requests,
    operationsMs: percentile(samples.operations, 50),
    restrictedMs: percentile(samples.restricted, 50),
  };
}

/** Measures both approaches and a restricted caller's page, prints them, and answers the measures. */
export async function benchLatestOrders(options: {
  db: DynamoDbProcess;
  latencyMs: number;
}): Promise<BenchResult[]> {
  const { db, latencyMs } = options;
  const now = Date.now() / 1000;
  const { workflowIds, orders, seedMs } = await seed(db, now);
  const backend = await startBackend(db, workflowIds, latencyMs);
  const { client, counts } = countingClient(db.proxyEndpoint, db.region);
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
