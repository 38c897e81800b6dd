/*
 * A demo trading engine for the local portal: every interval it "places" an order for one of a few
 * demo workflows and records it with the workflow-orders recorder, exactly as a CLI engine does
 * (record after the order is placed, flush before the run ends).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/local-portal/src/demo-engine.ts \
 *     [--endpoint http://localhost:8001] [--interval-ms 30000]
 *
 * The interval also comes from WORKFLOW_ORDERS_DEMO_INTERVAL_MS, the endpoint from
 * WORKFLOW_ORDERS_DYNAMODB_ENDPOINT.
 */
import { parseArgs } from 'node:util';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import {
  demoWorkflow,
  LIVE_WORKFLOWS,
  readDemoWorkflows,
} from './demoWorkflows';

function positiveNumber(name: string, raw: string) {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `Expected ${name} to be a positive number of milliseconds, got "${raw}"`,
    );
  }
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      'interval-ms': { type: 'string' },
    },
  });
  const endpoint =
    values.endpoint ??
    process.env.WORKFLOW_ORDERS_DYNAMODB_ENDPOINT ??
    'http://localhost:8001';
  const intervalMs = positiveNumber(
    '--interval-ms',
    values['interval-ms'] ??
      process.env.WORKFLOW_ORDERS_DEMO_INTERVAL_MS ??
      '30000',
  );
  const catalog = readDemoWorkflows();
  const live = LIVE_WORKFLOWS.map(spec => ({
    ...spec,
    workflow: demoWorkflow(catalog, spec.name),
  }));

  const recorder = createOrderRecorder({
    clientConfig: {
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    executionContext: 'cli:demo-engine',
  });

  let tick = 0;
  let stopping = false;
  const placeOrder = async () => {
    const spec = live[tick % live.length];
    tick += 1;
    const drift = 1 + (Math.random() - 0.5) / 100;
    const price = Number((spec.price * drift).toFixed(spec.decimals));
    const direction = Math.random() < 0.5 ? 'BUY' : 'SELL';
    recorder.record({
      workflow_id: spec.workflow.workflowId,
      workflow_name: spec.workflow.title,
      order_code: spec.code,
      order_price: price,
      order_quantity: spec.quantity,
      order_direction: direction,
      order_type: 'LIMIT',
    });
    const result = await recorder.flush({ timeoutMs: 5000 });
    process.stdout.write(
      `${new Date().toISOString()} ${spec.workflow.title}: ${direction} ${spec.quantity} ${spec.code} @ ${price}` +
        ` (recorded ${result.recorded}, failed ${result.failed}, pending ${result.pending})\n`,
    );
  };

  const timer = setInterval(() => {
    if (!stopping)
      placeOrder().catch(error => process.stderr.write(`${error}\n`));
  }, intervalMs);
  process.stdout.write(
    `Demo engine: one order every ${intervalMs / 1000} s for ${live.map(l => l.name).join(', ')} into ${endpoint}\n`,
  );

  const stop = async () => {
    stopping = true;
    clearInterval(timer);
    await recorder.flush({ timeoutMs: 2000 });
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`Demo engine failed: ${error.message}\n`);
  process.exit(1);
});
