import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  OrdersTablePersistence,
  OrderWriteProtocol,
} from '@workflow-orders/table';
import type { OrderItem } from './orderItem';
import {
  retryingRunner,
  StoppedError,
  type RetryLimits,
  type RetryPolicy,
} from './retry';

/** An order waiting in the queue. */
export interface QueuedOrder {
  readonly item: OrderItem;
  /** An earlier write of this order, cut short by a flush deadline, may have stored it. */
  readonly mayBeStored: boolean;
}

/**
 * How a write ended: stored now, found stored already under the same id, or interrupted by the
 * flush deadline, with the order to put back in the queue.
 */
export type WriteResult =
  | { readonly outcome: 'recorded' | 'duplicate' }
  | { readonly outcome: 'interrupted'; readonly order: QueuedOrder };

/** Writes one order; rejects with the last error once it gives up. */
export type OrderWriter = (
  order: QueuedOrder,
  limits: RetryLimits,
) => Promise<WriteResult>;

/** A step's result, or the interruption that stopped it, naming the order to queue again. */
async function untilStopped<T>(
  step: Promise<T>,
  requeue: (stopped: StoppedError) => QueuedOrder,
): Promise<T | { outcome: 'interrupted'; order: QueuedOrder }> {
  try {
    return await step;
  } catch (error) {
    if (!(error instanceof StoppedError)) throw error;
    return { outcome: 'interrupted', order: requeue(error) };
  }
}

/**
 * Writes an order with the table's write protocol, each request retried within the order's limits:
 * claim its id, put its record, advance its workflow's latest order. Retrying the order repeats the
 * steps that are done as no-ops.
 */
export function createOrderWriter(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  policy: RetryPolicy;
}): OrderWriter {
  const { client, tableName, policy } = options;
  const protocol = new OrderWriteProtocol({
    persistence: new OrdersTablePersistence({ client, tableName }),
  });

  return async (order, limits) => {
    const { item } = order;
    const run = retryingRunner(policy, limits);

    const claim = await untilStopped(
      protocol.claimOrderId(item, run),
      () => order,
    );
    if (claim.outcome === 'interrupted') return claim;

    const put = await untilStopped(
      protocol.putOrderRecord(item, claim.key, run),
      stopped => ({
        item,
        mayBeStored: order.mayBeStored || stopped.uncertain,
      }),
    );
    if (put.outcome === 'interrupted') return put;
    if (put.outcome === 'noFreeInstant') {
      throw new Error(`no free placed_at after ${put.rounds} tries`);
    }
    const stored = put.outcome === 'stored' || order.mayBeStored;

    const advance = await untilStopped(
      protocol.advanceLatestOrder(put.record, run),
      () => ({ item, mayBeStored: stored }),
    );
    if (advance.outcome === 'interrupted') return advance;
    return { outcome: stored ? 'recorded' : 'duplicate' };
  };
}
