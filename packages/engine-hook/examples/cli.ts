/**
 * A trading engine run from the command line: it places a workflow's orders, records each one, and
 * flushes before it exits. Run it with
 * `node --require @backstage/cli/config/nodeTransform.cjs examples/cli.ts <workflow-id> [flush-ms]`.
 */
import {
  createOrderRecorder,
  type FlushResult,
} from '@workflow-orders/engine-hook';

/** The instrument the workflow trades, and how much of it an order moves. */
const FRA40 = {
  order_code: 'FRA40.I',
  asset_type: 'CfdOnIndex',
  order_quantity: 10,
} as const;

/** Places two orders of one workflow and records them; resolves with what the flush achieved. */
export async function runWorkflow(
  workflowId: string,
  flushTimeoutMs = 2000,
): Promise<FlushResult> {
  // Table, region and endpoint come from the environment (WORKFLOW_ORDERS_TABLE, AWS_REGION, ...).
  const recorder = createOrderRecorder({ flushTimeoutMs });
  const workflow = {
    workflow_id: workflowId,
    workflow_name: 'DAX Breakout Strategy',
  };

  // The entry, then the stop that protects it.
  recorder.record({
    ...workflow,
    ...FRA40,
    order_direction: 'BUY',
    order_type: 'LIMIT',
    order_price: 7850.25,
  });
  recorder.record({
    ...workflow,
    ...FRA40,
    order_direction: 'SELL',
    order_type: 'STOP',
    order_price: 7790,
    trigger_close: 7795.5,
  });

  // Resolves within flushTimeoutMs even when DynamoDB does not answer, so the engine exits on time.
  return recorder.flush();
}

if (require.main === module) {
  const [workflowId, flushMs = '2000'] = process.argv.slice(2);
  runWorkflow(workflowId, Number(flushMs)).then(result =>
    process.stdout.write(`${JSON.stringify(result)}\n`),
  );
}
