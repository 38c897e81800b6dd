import { mapWithConcurrency } from '../mapWithConcurrency';
import type { OrderToWrite } from '../protocol/items';
import type { OrdersTablePersistence } from '../protocol/OrdersTablePersistence';
import { ordersTable } from '../table';
import type { LatestOrderLedger } from './latestOrderLedger';

/** Latest-order updates in flight at once. */
const CONCURRENCY = 8;

/**
 * Makes each pending newest order its workflow's latest order with the recorder's own conditional
 * writer, which never replaces a newer order, so it is safe while engines record; an item that is
 * current already but was written before the `latest-orders-index` existed is put in that index.
 * Records what came of each in the ledger.
 */
export async function writeLatestOrders(
  persistence: OrdersTablePersistence,
  ledger: LatestOrderLedger,
): Promise<void> {
  await mapWithConcurrency(ledger.pending(), CONCURRENCY, async pending => {
    // A readable order: its record schema checked the id and the keys.
    const outcome = await persistence.writeLatestOrder(
      pending.order as OrderToWrite,
    );
    // A written item has the index key; a current one may predate the index.
    const index =
      outcome === 'current'
        ? await persistence.indexLatestOrder(pending.workflowId)
        : 'unchanged';
    ledger.settle(
      pending.workflowId,
      pending.placedAt,
      outcome,
      index === 'indexed',
    );
  });
}

/**
 * What {@link writeLatestOrders} would do, from the stored latest-order items (read with
 * BatchGetItem, so it writes nothing): a workflow whose item is missing or older would be `written`.
 * Whether a current item lacks its index key is not read, so a dry run counts no `indexed`.
 */
export async function compareLatestOrders(
  persistence: OrdersTablePersistence,
  ledger: LatestOrderLedger,
): Promise<void> {
  const pending = ledger.pending();
  const stored = await persistence.readLatestOrders(
    pending.map(({ workflowId }) => workflowId),
  );
  for (const { workflowId, placedAt } of pending) {
    const storedAt =
      stored.get(workflowId)?.[ordersTable.latest.placedAtAttribute];
    const current = storedAt !== undefined && Number(storedAt) >= placedAt;
    ledger.settle(workflowId, placedAt, current ? 'current' : 'written', false);
  }
}
