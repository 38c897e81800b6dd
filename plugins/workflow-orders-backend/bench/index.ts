/*
 * Measures the workflow-orders API over HTTP against the embedded DynamoDB behind the fault proxy,
 * with 5 ms added to every DynamoDB call (a realistic in-region round trip): the workflows list in
 * both modes of summaries.latestOrderItems against the original approach, history pages, and a load
 * mix, and the Workflow orders page (GET /latest-orders) against a full Scan (bench/latestOrders.ts).
 * Ends with the measures `npm run bench` combines (`--json <file>` writes them) and exits non-zero
 * when a target is missed. BENCH_LOAD_SECONDS shortens the load phase (default 30),
 * BENCH_BUSY_ORDERS the busy workflow (default 100,000), BENCH_ONLY=latest-orders runs the Workflow
 * orders page alone.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import {
  anOrder,
  benchResult,
  reportBench,
  startDynamoDbProcess,
  type BenchResult,
  type EmbeddedEngine,
  type FaultProxyStats,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { workflowOrdersPlugin } from '../src/plugin';
import { OrderTable, orderItem } from '../src/__testUtils__/orders';
import { benchLatestOrders } from './latestOrders';

const LATENCY_MS = 5;
const WORKFLOWS = 500;
const HISTORY_ORDERS = 700;
/** A busy workflow's orders in the window, and an idle one's: later pages must cost the same. */
const BUSY_ORDERS = Number(process.env.BENCH_BUSY_ORDERS ?? 100_000);
const IDLE_ORDERS = 60;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const LOAD_CLIENTS = 16;
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

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

async function main() {
  const db = await startDynamoDbProcess({
    tableName: 'orders_bench',
    latencyMs: LATENCY_MS,
    engine: process.env.BENCH_ENGINE as EmbeddedEngine | undefined,
  });
  if (process.env.BENCH_ONLY === 'latest-orders') {
    const page = await benchLatestOrders({ db, latencyMs: LATENCY_MS });
    await db.stop();
    reportBench('workflow-orders backend: Workflow orders page', page);
    return;
  }
  const client = (endpoint: string) =>
    new DynamoDBClient({
      endpoint,
      region: db.region,
      credentials: LOCAL_CREDENTIALS,
    });
  const now = Date.now() / 1000;

  // The data as the engine leaves it: every order placed through the recorder.
  const recorder = createOrderRecorder({
    clientConfig: {
      endpoint: db.endpoint,
      region: db.region,
      credentials: LOCAL_CREDENTIALS,
    },
    tableName: db.tableName,
    maxQueue: 10_000,
    concurrency: 32,
  });
  const order = (workflow_id: string, placed_at: number) =>
    anOrder({ workflow_id, placed_at });
  // A quarter of the listed workflows has never placed an order.
  const workflowIds = Array.from({ length: WORKFLOWS }, () => randomUUID());
  workflowIds.forEach((workflowId, index) => {
    for (let n = 0; n < (index % 4 === 0 ? 0 : 3); n += 1) {
      recorder.record(order(workflowId, now - 60 - n * 3600 - index));
    }
  });
  const busy = randomUUID();
  for (let n = 0; n < HISTORY_ORDERS; n += 1) {
    recorder.record(
      order(
        busy,
        now - 1 - n * ((ORDER_RETENTION_SECONDS - 3600) / HISTORY_ORDERS),
      ),
    );
  }
  const seeded = await recorder.flush({ timeoutMs: 120_000 });
  if (seeded.recorded !== (WORKFLOWS * 3 * 3) / 4 + HISTORY_ORDERS) {
    throw new Error(`seeding recorded ${JSON.stringify(seeded)}`);
  }
  // A very busy workflow and an idle one, written in batches straight to the table.
  const veryBusy = randomUUID();
  const idle = randomUUID();
  const spread = (count: number, workflowId: string) =>
    Array.from({ length: count }, (_, n) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: now - 1 - n * ((ORDER_RETENTION_SECONDS - 3600) / count),
      }),
    );
  const seedTable = new OrderTable(client(db.endpoint), db.tableName);
  await seedTable.putAll([
    ...spread(BUSY_ORDERS, veryBusy),
    ...spread(IDLE_ORDERS, idle),
  ]);
  seedTable.documents.destroy();

  // Each workflow is a catalog entity, so each request makes the access check production makes: one
  // catalog query and one authorization for all its workflows (here an in-memory catalog).
  const entities = [...workflowIds, busy, veryBusy, idle].map(
    (workflowId, index) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `workflow-${index}`,
        namespace: 'default',
        annotations: { [WORKFLOW_ID_ANNOTATION]: workflowId },
      },
      spec: { type: 'trading-workflow', owner: 'group:default/traders' },
    }),
  );

  // One backend per mode of summaries.latestOrderItems, with the production timeouts and retries,
  // not the short ones of the tests. Every order here went through the recorder, so `complete` holds.
  const startBackend = async (
    summaries: object,
    access: any[] = [catalogServiceMock.factory({ entities })],
  ) => {
    const backend = await startTestBackend({
      features: [
        workflowOrdersPlugin,
        ...access,
        mockServices.rootConfig.factory({
          data: {
            workflowOrders: {
              dynamodb: {
                endpoint: db.proxyEndpoint,
                tableName: db.tableName,
                region: db.region,
                credentials: LOCAL_CREDENTIALS,
              },
              summaries,
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/workflow-orders`;
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`${path} answered ${response.status}: ${text}`);
      }
      return text;
    };
    return { call, stop: () => backend.stop() };
  };
  const modes = {
    default: await startBackend({}),
    complete: await startBackend({ latestOrderItems: 'complete' }),
  };
  // The list with and without authorization, both in the default mode. Without: no entity carries a
  // workflow and everything is allowed, so the access check is one empty in-memory query and one
  // immediate decision. With: the catalog query and the authorization call each take LATENCY_MS more
  // (a round trip to the catalog and the permission backend; both in-process mocks here), and the
  // authorization decides one request per entity. It allows them all, so both read the same orders.
  const delayed = <T>(value: T) =>
    new Promise<T>(resolve => setTimeout(() => resolve(value), LATENCY_MS));
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
      authorize: async requests =>
        delayed(requests.map(() => ({ result: AuthorizeResult.ALLOW }))),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }),
  });
  const authorization = {
    off: await startBackend({}, [
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ]),
    on: await startBackend({}, [remoteCatalog, remotePolicy]),
  };
  const { call } = modes.default;

  // The original product: one query per workflow, one after another.
  const { documents } = new OrderTable(client(db.proxyEndpoint), db.tableName);
  const original = async () => {
    for (const workflowId of workflowIds) {
      await documents.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'workflow_id = :w',
          ExpressionAttributeValues: { ':w': workflowId },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
    }
  };
  const summariesOf = (mode: keyof typeof modes) => () =>
    modes[mode].call('/summaries', { workflow_ids: workflowIds });
  /** The DynamoDB requests between two counts of the fault proxy, by operation. */
  const requestsBetween = (before: FaultProxyStats, after: FaultProxyStats) =>
    Object.entries(after.operations)
      .map(([operation, count]) => ({
        operation,
        count: count - (before.operations[operation] ?? 0),
      }))
      .filter(({ count }) => count > 0)
      .map(({ operation, count }) => `${count} ${operation}`)
      .join(' + ') || 'none';

  // Warms the code on workflows that are not measured. Then, in the default mode, the first request
  // for the listed ones queries the never-traded quarter, and the refreshes that follow within
  // summaries.noOrderCacheSeconds do not; in the complete mode no request queries.
  const unmeasured = Array.from({ length: WORKFLOWS }, () => randomUUID());
  for (const mode of Object.values(modes)) {
    await mode.call('/summaries', { workflow_ids: unmeasured });
  }
  await original();
  const measured = {} as Record<
    keyof typeof modes,
    { first: number; later: number[]; requests: string; answer: string }
  >;
  for (const mode of ['default', 'complete'] as const) {
    const before = await db.proxyStats();
    const [first, answer] = await timed(summariesOf(mode));
    const requests = requestsBetween(before, await db.proxyStats());
    const later: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      later.push((await timed(summariesOf(mode)))[0]);
    }
    measured[mode] = { first, later, requests, answer };
  }
  if (measured.default.answer !== measured.complete.answer) {
    throw new Error('the two modes answered different summaries');
  }
  // Taken in turns, so that both see the same machine.
  const authorized = { off: [] as number[], on: [] as number[] };
  const listOf = (state: keyof typeof authorization) => () =>
    authorization[state].call('/summaries', { workflow_ids: workflowIds });
  await listOf('off')();
  await listOf('on')();
  for (let run = 0; run < 5; run += 1) {
    for (const state of ['off', 'on'] as const) {
      authorized[state].push((await timed(listOf(state)))[0]);
    }
  }
  const theirs: number[] = [];
  for (let run = 0; run < 2; run += 1) theirs.push((await timed(original))[0]);

  const historyPage = async (runs: number) => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      samples.push(
        (await timed(() => call(`/workflows/${busy}/orders?limit=20`)))[0],
      );
    }
    return samples;
  };
  await historyPage(20);
  const history = await historyPage(200);

  // A later page of a workflow with BUSY_ORDERS orders and of one with IDLE_ORDERS, taken in turns.
  const cursorOf = async (workflowId: string) =>
    JSON.parse(await call(`/workflows/${workflowId}/orders?limit=20`))
      .next_cursor as string;
  const laterPage = (workflowId: string, cursor: string) => () =>
    call(
      `/workflows/${workflowId}/orders?limit=20&cursor=${encodeURIComponent(cursor)}`,
    );
  const cursors = {
    busy: await cursorOf(veryBusy),
    idle: await cursorOf(idle),
  };
  const laterPages = { busy: [] as number[], idle: [] as number[] };
  for (let run = 0; run < 120; run += 1) {
    laterPages.busy.push((await timed(laterPage(veryBusy, cursors.busy)))[0]);
    laterPages.idle.push((await timed(laterPage(idle, cursors.idle)))[0]);
  }
  const beforeLater = await db.proxyStats();
  await laterPage(veryBusy, cursors.busy)();
  const afterLater = await db.proxyStats();
  const laterItemsReturned =
    (afterLater.itemsReturned.Query ?? 0) -
    (beforeLater.itemsReturned.Query ?? 0);
  const laterRequests = requestsBetween(beforeLater, afterLater);

  db.setProxy({ latencyMs: 0 });
  await historyPage(20);
  const historyNoLatency = await historyPage(200);
  // Without added latency what is left is the CPU of the DynamoDB emulator and the SDK on this machine.
  const oursNoLatency = (await timed(summariesOf('default')))[0];
  const completeNoLatency = (await timed(summariesOf('complete')))[0];
  const theirsNoLatency = (await timed(original))[0];
  db.setProxy({ latencyMs: LATENCY_MS });

  const load: number[] = [];
  let errors = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const loadClient = async (index: number) => {
    for (let n = index; performance.now() < deadline; n += 1) {
      const workflowId = workflowIds[n % WORKFLOWS];
      // A mix of what the portal asks: history pages, Last order cards and list pages of 50.
      const requests = [
        () => call(`/workflows/${n % 2 ? busy : workflowId}/orders?limit=20`),
        () => call(`/workflows/${workflowId}/activity`),
        () =>
          call('/summaries', {
            workflow_ids: workflowIds.slice(n % 450, (n % 450) + 50),
          }),
      ];
      const request = requests[n % requests.length];
      try {
        load.push((await timed(request))[0]);
      } catch {
        errors += 1;
      }
    }
  };
  const [loadMs] = await timed(() =>
    Promise.all(
      Array.from({ length: LOAD_CLIENTS }, (_, index) => loadClient(index)),
    ),
  );

  const median = (samples: number[]) => percentile(samples, 50);
  const original500 = median(theirs);
  const row = (measure: string, result: string) => ({ measure, result });
  const speedUp = (measure: string, oursMs: number) =>
    row(measure, `${(original500 / oursMs).toFixed(1)}x`);
  const summaries = `POST /summaries, ${WORKFLOWS} workflows, a quarter never traded`;
  console.log(
    `\nworkflow-orders backend, DynamoDB latency ${LATENCY_MS} ms per call, measured over HTTP\n`,
  );
  console.table([
    row(`${summaries}, default: first request`, ms(measured.default.first)),
    row(
      'the same, default: later requests (median of 5)',
      ms(median(measured.default.later)),
    ),
    row(
      'the same, latestOrderItems complete: first request',
      ms(measured.complete.first),
    ),
    row(
      'the same, latestOrderItems complete: later requests (median of 5)',
      ms(median(measured.complete.later)),
    ),
    row(
      'the same, default, authorization off (no entity, allow-all): later requests (median of 5)',
      ms(median(authorized.off)),
    ),
    row(
      `the same, default, authorization on (catalog query + one authorize, each +${LATENCY_MS} ms): later requests (median of 5)`,
      ms(median(authorized.on)),
    ),
    row(
      `original: ${WORKFLOWS} queries one after another (median of 2)`,
      ms(original500),
    ),
    row('DynamoDB requests, first request: default', measured.default.requests),
    row(
      'DynamoDB requests, first request: complete',
      measured.complete.requests,
    ),
    row(
      'later request vs original without added latency (CPU only): default, complete, original',
      `${ms(oursNoLatency)}, ${ms(completeNoLatency)}, ${ms(theirsNoLatency)}`,
    ),
    speedUp('speed-up, default: first request', measured.default.first),
    speedUp(
      'speed-up, default: later requests',
      median(measured.default.later),
    ),
    speedUp('speed-up, complete: first request', measured.complete.first),
    speedUp(
      'speed-up, complete: later requests',
      median(measured.complete.later),
    ),
    row(
      `history page, limit 20 of ${HISTORY_ORDERS}: p50`,
      ms(percentile(history, 50)),
    ),
    row(
      `history page, limit 20 of ${HISTORY_ORDERS}: p95`,
      ms(percentile(history, 95)),
    ),
    row(
      'history page without added latency: p50',
      ms(percentile(historyNoLatency, 50)),
    ),
    row(
      'history page without added latency: p95',
      ms(percentile(historyNoLatency, 95)),
    ),
    row(
      `${LOAD_SECONDS} s load, ${LOAD_CLIENTS} clients: requests/s`,
      (load.length / (loadMs / 1000)).toFixed(0),
    ),
    row('load: p50', ms(percentile(load, 50))),
    row('load: p99', ms(percentile(load, 99))),
    row('load: errors', String(errors)),
    row(
      `later history page, ${BUSY_ORDERS} orders: p50 (DynamoDB: ${laterRequests})`,
      ms(median(laterPages.busy)),
    ),
    row(
      `later history page, ${IDLE_ORDERS} orders: p50`,
      ms(median(laterPages.idle)),
    ),
  ]);

  documents.destroy();
  for (const mode of Object.values(modes)) await mode.stop();
  for (const state of Object.values(authorization)) await state.stop();
  const page = await benchLatestOrders({ db, latencyMs: LATENCY_MS });
  await db.stop();

  const results: BenchResult[] = [
    benchResult(
      'history_p95_ms',
      percentile(historyNoLatency, 95),
      'ms',
      '< 15',
    ),
    benchResult(
      'history_later_page_items_returned',
      laterItemsReturned,
      'items',
      '<= 21',
    ),
    benchResult(
      'history_busy_vs_idle_ratio',
      median(laterPages.busy) / median(laterPages.idle),
      'x',
      '<= 1.2',
    ),
    benchResult(
      'load_req_per_s',
      load.length / (loadMs / 1000),
      'req/s',
      '>= 400',
    ),
    benchResult('load_p99_ms', percentile(load, 99), 'ms', '<= 150'),
    benchResult('load_errors', errors, 'errors', '== 0'),
    benchResult(
      'list_first_default_speedup',
      original500 / measured.default.first,
      'x',
      '>= 20',
    ),
    benchResult(
      'list_first_complete_speedup',
      original500 / measured.complete.first,
      'x',
      '>= 80',
    ),
    benchResult('list_later_ms', median(authorized.on), 'ms', '<= 45'),
    ...page,
  ];
  reportBench('workflow-orders backend', results);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
