/*
 * Live updates, with 5 ms added to every DynamoDB call: orders are recorded (each order and its
 * workflow's latest-order item, as the engine's recorder writes them) into 500 workflows, one every
 * WRITE_EVERY_MS (every fourth into the first workflow), while viewers watch the Workflow orders
 * page and the first workflow's Orders tab. A viewer subscribes to the plugin's pushes in process (a
 * signals service that hands each published message to the users it names, standing in for the
 * signals backend's websocket) and handles each as the browser's store does, as a user of its own:
 * a push that follows its sequence is applied as it is, anything else is a
 * GET /live/changes?tab=<its tab>&after=<its sequence> over HTTP, which it also asks every 30 s to
 * keep its lease; when the first workflow changed, the new orders the push carries for the tab are
 * added to what it shows, or, when they do not follow the newest it shows, the tab's first page is
 * asked again. Measures:
 * - DynamoDB requests per minute with 1 viewer and with 500 (counted by the fault proxy);
 * - the time from the start of an order's write to the push that carried it reaching a viewer,
 *   p95, at the default interval (2 s);
 * - the REST load figure (bench/load.ts) with the 500 viewers watching against none, in three turns
 *   of 10 s each.
 * BENCH_LIVE_SECONDS sets each window of requests counted (default 30). Runs alone with
 * `node --require @backstage/cli/config/nodeTransform.cjs bench/live.ts`.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  benchResult,
  reportBench,
  startDynamoDbProcess,
  type BenchResult,
  type DynamoDbProcess,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { orderItem, type OrderTable } from '../src/__testUtils__/orders';
import { workflowOrdersPlugin } from '../src/plugin';
import { createBenchTable } from './latestOrders/setup';
import { runLoad, type LoadFigures } from './load';
import {
  LOCAL_CREDENTIALS,
  httpClient,
  remoteCatalog,
  remotePolicy,
  workflowEntities,
} from './support/backend';
import { startViewer, viewerRequests } from './support/liveViewer';
import { ms, percentile } from './support/measure';

const TABLE = 'orders_live_bench';
const WORKFLOWS = 500;
const VIEWERS = 500;
const WRITE_EVERY_MS = 500;
const WINDOW_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 30);
/** Turns of the load with the viewers watching and without them, and each one's length. */
const LOAD_TURNS = 3;
const TURN_SECONDS = 10;
/** How long the plugin keeps a caller's access decisions by default. */
const DECISIONS_KEPT_MS = 10_000;

/** Messages as the plugin publishes them, handed in process to the users they name. */
function hintBus() {
  const bus = new EventEmitter().setMaxListeners(0);
  const factory = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async ({ recipients, message }) => {
        const users =
          recipients.type === 'user' ? [recipients.entityRef].flat() : ['*'];
        for (const user of users) bus.emit(user, message);
      },
    }),
  });
  return { bus, factory };
}

/** The plugin over the bench table through the fault proxy, with the catalog, policy and hints. */
async function startLiveBackend(
  db: DynamoDbProcess,
  workflowIds: string[],
  latencyMs: number,
  signals: ReturnType<typeof hintBus>['factory'],
) {
  const backend = await startTestBackend({
    features: [
      workflowOrdersPlugin,
      remoteCatalog(workflowEntities(workflowIds), latencyMs),
      remotePolicy(latencyMs),
      signals,
      mockServices.rootConfig.factory({
        data: {
          workflowOrders: {
            dynamodb: {
              endpoint: db.proxyEndpoint,
              tableName: TABLE,
              region: db.region,
              credentials: LOCAL_CREDENTIALS,
            },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/workflow-orders`;
  const client = httpClient(base);
  /** The answer of `path` as the user `user` (the default mock user when not given). */
  const get = (path: string, user?: string, body?: unknown) =>
    client.request(path, {
      body,
      headers: user
        ? { authorization: mockCredentials.user.header(user) }
        : undefined,
    });
  return {
    get,
    stop: async () => {
      client.close();
      await backend.stop();
    },
  };
}

/** Records an order into one of the workflows every WRITE_EVERY_MS; notes when each write began. */
function startWriter(table: OrderTable, workflowIds: string[]) {
  const writtenAt = new Map<string, number>();
  let n = 0;
  const timer = setInterval(() => {
    const item = orderItem({
      workflow_id: workflowIds[n % 4 === 0 ? 0 : (n * 7) % workflowIds.length],
      placed_at: Date.now() / 1000,
    });
    n += 1;
    writtenAt.set(String(item.id), performance.now());
    table.record([item]).catch(error => console.error(error));
  }, WRITE_EVERY_MS);
  return { writtenAt, stop: () => clearInterval(timer) };
}

/** Measures the live updates on `db`, prints them, and answers the measures. */
export async function benchLive(options: {
  db: DynamoDbProcess;
  latencyMs: number;
}): Promise<BenchResult[]> {
  const { db, latencyMs } = options;
  const table = await createBenchTable(db, TABLE);
  const workflowIds = Array.from({ length: WORKFLOWS }, () => randomUUID());
  const before = Date.now() / 1000 - 3600;
  await table.recordQuickly(
    workflowIds.map((workflow_id, index) =>
      orderItem({ workflow_id, placed_at: before + index }),
    ),
  );
  const { bus, factory } = hintBus();
  const backend = await startLiveBackend(db, workflowIds, latencyMs, factory);
  const writer = startWriter(table, workflowIds);

  const latencies: number[] = [];
  const measured = (orderId: string, hintAt: number) => {
    const at = writer.writtenAt.get(orderId);
    if (at !== undefined) latencies.push(hintAt - at);
  };
  /** DynamoDB requests per minute over a window while `viewers` watch. */
  const readsPerMinute = async (viewers: number) => {
    const watching = Array.from({ length: viewers }, (_, index) =>
      startViewer(
        backend.get,
        bus,
        `user:default/viewer-${index}`,
        workflowIds[0],
        index === 0 ? measured : undefined,
      ),
    );
    await Promise.all(watching.map(viewer => viewer.ready));
    await sleep(5000);
    const start = await db.proxyStats();
    await sleep(WINDOW_SECONDS * 1000);
    const end = await db.proxyStats();
    return {
      watching,
      perMinute: ((end.requests - start.requests) * 60) / WINDOW_SECONDS,
    };
  };

  const one = await readsPerMinute(1);
  one.watching.forEach(viewer => viewer.stop());
  const many = await readsPerMinute(VIEWERS);

  const [busy, idle] = workflowIds;
  const seeded = { workflowIds, busy, veryBusy: busy, idle };
  const call = (path: string, body?: unknown) =>
    backend.get(path, undefined, body);
  // The first load of this backend also warms its code and its caches (counts, decisions, shared
  // pages), which the loads after it find warm: it is run first, unmeasured.
  await runLoad({ seeded, call, seconds: 15 });
  // Then in turns, so that both see the same machine: the load with the 500 viewers watching, and
  // without them (stopped: no renewals, nothing asked; their leases still run, so the backend still
  // pushes to them). Between two 30 s windows the load alone moves by more than 10% on a 2-core
  // machine, so one window of each would measure that.
  many.watching.forEach(viewer => viewer.stop());
  const loads = {
    watched: [] as LoadFigures[],
    unwatched: [] as LoadFigures[],
  };
  let viewersSent = 0;
  let viewersMs = 0;
  for (let turn = 0; turn < LOAD_TURNS; turn += 1) {
    const watching = Array.from({ length: VIEWERS }, (_, index) =>
      startViewer(
        backend.get,
        bus,
        `user:default/viewer-${index}`,
        workflowIds[0],
      ),
    );
    await Promise.all(watching.map(viewer => viewer.ready));
    // The decisions made as the viewers opened their screens expire first: a watching browser
    // renews 30 s after its last request, past the 10 s its decisions are kept.
    await sleep(DECISIONS_KEPT_MS + 1000);
    const sentBefore = viewerRequests.count;
    const watched = await runLoad({ seeded, call, seconds: TURN_SECONDS });
    loads.watched.push(watched);
    viewersMs += watched.ms;
    viewersSent += viewerRequests.count - sentBefore;
    watching.forEach(viewer => viewer.stop());
    loads.unwatched.push(
      await runLoad({ seeded, call, seconds: TURN_SECONDS }),
    );
  }
  const viewersRate = viewersSent / (viewersMs / 1000);

  writer.stop();
  await backend.stop();
  table.documents.destroy();
  const rate = (figures: LoadFigures[]) =>
    figures.reduce((sum, load) => sum + load.samples.length, 0) /
    (figures.reduce((sum, load) => sum + load.ms, 0) / 1000);
  const watched = rate(loads.watched);
  const unwatched = rate(loads.unwatched);
  const drop = ((unwatched - watched) / unwatched) * 100;
  console.log(
    `\nLive updates: ${WORKFLOWS} workflows, an order recorded every ${WRITE_EVERY_MS} ms, ` +
      `DynamoDB latency ${latencyMs} ms per call; viewers subscribed in process, each a user of ` +
      `its own, applying the pushes (the Orders tab's new orders included), renewing ` +
      `GET /live/changes every 30 s, and asking the tab's first page when a push did not carry ` +
      `the orders after those it shows\n`,
  );
  console.table([
    { viewers: 1, 'DynamoDB requests/min': one.perMinute.toFixed(1) },
    { viewers: VIEWERS, 'DynamoDB requests/min': many.perMinute.toFixed(1) },
  ]);
  console.table([
    {
      'write to push p50': ms(percentile(latencies, 50)),
      p95: ms(percentile(latencies, 95)),
      orders: latencies.length,
      'REST load, 500 viewers': `${watched.toFixed(0)} req/s`,
      'REST load, none': `${unwatched.toFixed(0)} req/s`,
      "the viewers' own": `${viewersRate.toFixed(0)} req/s`,
    },
  ]);
  return [
    benchResult(
      'live_reads_500_vs_1_ratio',
      many.perMinute / one.perMinute,
      'x',
      '<= 2',
    ),
    benchResult(
      'live_signal_p95_ms',
      percentile(latencies, 95),
      'ms',
      '<= 3000',
    ),
    benchResult('live_load_drop_pct', drop, '%', '<= 10'),
  ];
}

if (require.main === module) {
  (async () => {
    const db = await startDynamoDbProcess({
      tableName: 'orders_bench',
      latencyMs: 5,
    });
    const results = await benchLive({ db, latencyMs: 5 });
    await db.stop();
    reportBench('workflow-orders backend: live updates', results);
  })().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
