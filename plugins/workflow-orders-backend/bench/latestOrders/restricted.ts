import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { orderItem } from '../../src/__testUtils__/orders';
import { percentile, timed } from '../support/measure';
import {
  createBenchTable,
  RESTRICTED_TABLE,
  RESTRICTED_VISIBLE,
  RESTRICTED_WORKFLOWS,
  RUNS,
  startPageBackend,
} from './setup';

/**
 * The page for a caller who may see RESTRICTED_VISIBLE of RESTRICTED_WORKFLOWS workflows and for
 * operations, who see them all: its DynamoDB requests and p50s, taken in turns.
 */
export async function benchRestricted(db: DynamoDbProcess, latencyMs: number) {
  const now = Date.now() / 1000;
  const table = await createBenchTable(db, RESTRICTED_TABLE);
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
    operations: await startPageBackend(db, workflowIds, latencyMs, {
      table: RESTRICTED_TABLE,
    }),
    restricted: await startPageBackend(db, workflowIds, latencyMs, {
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
