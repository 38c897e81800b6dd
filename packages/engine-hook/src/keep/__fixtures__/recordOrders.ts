/**
 * A command-line engine for the tests of keeping: records `count` orders of one workflow with a
 * queue of `maxQueue`, flushes for at most `flushMs`, prints the flush result as JSON and exits.
 * Table, endpoint and state directory come from the environment, as in a deployed engine.
 *   recordOrders.ts <workflow-id> <count> <maxQueue> <flushMs> [quiet]
 */
import { randomUUID } from 'node:crypto';
import { createOrderRecorder } from '../../createOrderRecorder';

(globalThis as { gc?: () => void }).gc?.();
const heapAtStartMb = process.memoryUsage().heapUsed / 2 ** 20;

const [workflowId, count, maxQueue, flushMs, quiet] = process.argv.slice(2);
const recorder = createOrderRecorder({
  maxQueue: Number(maxQueue),
  attemptTimeoutMs: 200,
  ...(quiet ? { logger: { warn() {}, error() {} } } : {}),
});
for (let n = 0; n < Number(count); n++) {
  recorder.record({
    id: randomUUID(),
    workflow_id: workflowId,
    workflow_name: 'DAX Breakout Strategy',
    order_code: 'FRA40.I',
    order_price: 7850 + n / 100,
    order_quantity: 10,
    order_direction: n % 2 ? 'SELL' : 'BUY',
    order_type: 'LIMIT',
  });
}
recorder.flush({ timeoutMs: Number(flushMs) }).then(result => {
  // What the outage costs the engine in memory, measured after a collection where one can be asked.
  (globalThis as { gc?: () => void }).gc?.();
  const heapAddedMb = process.memoryUsage().heapUsed / 2 ** 20 - heapAtStartMb;
  process.stdout.write(`${JSON.stringify({ ...result, heapAddedMb })}\n`);
});
