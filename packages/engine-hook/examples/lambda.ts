/**
 * A trading engine in AWS Lambda: one recorder per container, reused by every invocation, and a
 * handler wrapped so that its orders are flushed before the invocation ends.
 */
import {
  createOrderRecorder,
  withOrderRecorder,
} from '@workflow-orders/engine-hook';

/** The signal an invocation acts on. */
export interface TradeSignal {
  readonly workflowId: string;
  readonly workflowName: string;
  readonly code: string;
  readonly price: number;
  readonly quantity: number;
  readonly direction: 'BUY' | 'SELL';
}

// Created once per container: the client and its connections outlive one invocation.
const recorder = createOrderRecorder();

/** Places the order the signal asks for and records it. */
export const handler = withOrderRecorder(
  recorder,
  async (signal: TradeSignal) => {
    const orderId = await placeWithBroker(signal);
    recorder.record({
      id: orderId,
      workflow_id: signal.workflowId,
      workflow_name: signal.workflowName,
      order_code: signal.code,
      order_price: signal.price,
      order_quantity: signal.quantity,
      order_direction: signal.direction,
      order_type: 'MARKET',
    });
    return { orderId };
  },
);

/** Stands in for the broker call; its answer is the order id the broker assigned. */
async function placeWithBroker(signal: TradeSignal): Promise<string> {
  await new Promise(resolve => setTimeout(resolve, 5));
  return `${signal.code}-${Date.now()}`;
}
