import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import { anOrder, type DynamoDbProcess } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrderTable, orderItem } from '../src/__testUtils__/orders';
import { LOCAL_CREDENTIALS, localClient } from './support/backend';

/** The workflows of the list. */
export const WORKFLOWS = 500;
/** The orders of the busy workflow whose first history page is measured. */
export const HISTORY_ORDERS = 700;
/** A very busy workflow's orders in the window, and an idle one's: later pages must cost the same. */
export const BUSY_ORDERS = Number(process.env.BENCH_BUSY_ORDERS ?? 100_000);
export const IDLE_ORDERS = 60;

/** The workflows the seeding wrote: the listed ones, and those of the history pages. */
export interface SeededWorkflows {
  /** The listed workflows; a quarter of them has never placed an order. */
  readonly workflowIds: string[];
  /** HISTORY_ORDERS orders over the window, recorded. */
  readonly busy: string;
  /** BUSY_ORDERS orders over the window, written straight to the table. */
  readonly veryBusy: string;
  /** IDLE_ORDERS orders over the window, written straight to the table. */
  readonly idle: string;
}

/**
 * Writes the list's and the history pages' orders: those of the listed workflows and the busy one
 * through the recorder, as the engine leaves them; the very busy and idle workflows' in batches
 * straight to the table.
 */
export async function seedOrders(
  db: DynamoDbProcess,
  now: number,
): Promise<SeededWorkflows> {
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

  const veryBusy = randomUUID();
  const idle = randomUUID();
  const spread = (count: number, workflowId: string) =>
    Array.from({ length: count }, (_, n) =>
      orderItem({
        workflow_id: workflowId,
        placed_at: now - 1 - n * ((ORDER_RETENTION_SECONDS - 3600) / count),
      }),
    );
  const seedTable = new OrderTable(localClient(db, db.endpoint), db.tableName);
  await seedTable.putAll([
    ...spread(BUSY_ORDERS, veryBusy),
    ...spread(IDLE_ORDERS, idle),
  ]);
  seedTable.documents.destroy();
  return { workflowIds, busy, veryBusy, idle };
}
