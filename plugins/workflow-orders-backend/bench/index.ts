/*
 * Measures the workflow-orders API over HTTP against the embedded DynamoDB behind the fault proxy,
 * with 5 ms added to every DynamoDB call (a realistic in-region round trip): the workflows list in
 * both modes of summaries.latestOrderItems against the original approach (list.ts), history pages
 * (history.ts), and a load mix (load.ts), and the Workflow orders page (GET /latest-orders) against
 * a full Scan (latestOrders/), then the live updates (live.ts). Ends with the measures
 * `npm run bench` combines (`--json <file>` writes them) and exits non-zero when a target is missed. BENCH_LOAD_SECONDS shortens the load
 * phase (default 30), BENCH_BUSY_ORDERS the busy workflow (default 100,000), BENCH_ONLY=latest-orders
 * runs the Workflow orders page alone, BENCH_ONLY=live the live updates.
 */
import {
  reportBench,
  startDynamoDbProcess,
  type EmbeddedEngine,
} from '@workflow-orders/test-utils';
import { historyBench } from './history';
import { benchLatestOrders } from './latestOrders';
import { startListBench } from './list';
import { benchLive } from './live';
import { runLoad } from './load';
import { backendResults, printBackendTable } from './report';
import { seedOrders } from './seed';

const LATENCY_MS = 5;
/** How long the load runs unmeasured before it is measured. */
const LOAD_WARM_UP_SECONDS = 15;

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
  if (process.env.BENCH_ONLY === 'live') {
    const live = await benchLive({ db, latencyMs: LATENCY_MS });
    await db.stop();
    reportBench('workflow-orders backend: live updates', live);
    return;
  }

  const seeded = await seedOrders(db, Date.now() / 1000);
  const list = await startListBench({ db, seeded, latencyMs: LATENCY_MS });
  const history = historyBench({ db, seeded, call: list.call });

  // One measure after another, on the same machine: the list, the history pages, the same without
  // added latency, then the load.
  const listFigures = await list.measure();
  const historyPages = await history.firstPages();
  const later = await history.laterPages();
  db.setProxy({ latencyMs: 0 });
  const historyWithoutLatency = await history.firstPages();
  const listWithoutLatency = await list.withoutLatency();
  db.setProxy({ latencyMs: LATENCY_MS });
  // The load is measured warm: run first unmeasured, the same mix measured straight away ran
  // a quarter slower in its first seconds than in its last (the code and the caches warming).
  await runLoad({ seeded, call: list.call, seconds: LOAD_WARM_UP_SECONDS });
  const load = await runLoad({ seeded, call: list.call });

  const figures = {
    list: listFigures,
    listWithoutLatency,
    history: historyPages,
    historyWithoutLatency,
    later,
    load,
  };
  printBackendTable(figures, LATENCY_MS);
  await list.stop();
  const page = await benchLatestOrders({ db, latencyMs: LATENCY_MS });
  const live = await benchLive({ db, latencyMs: LATENCY_MS });
  await db.stop();
  reportBench('workflow-orders backend', [
    ...backendResults(figures),
    ...page,
    ...live,
  ]);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
