#!/usr/bin/env node
// `npm start`: the local portal. Starts the embedded DynamoDB (seeded with demo orders on first
// start), a demo engine that keeps placing orders, the Backstage backend and the app; Ctrl-C stops
// all of them. The work is done by packages/local-portal, which the browser tests share.
require('@backstage/cli/config/nodeTransform.cjs');
const { startPortal } = require('@workflow-orders/local-portal');

const banner = portal => `
  The workflow-orders portal is running.

  Portal       ${portal.appUrl}
    Sign in as one of the demo catalog's people (catalog/people.yaml); sign out in the sidebar to switch:
      Tara — Trading desk       the orders of the trading desk's workflows (FRA40 breakout, ...)
      Quinn — Quant research    the orders of quant research's workflows (DAX mean reversion, ...)
      Olivia — Operations       the orders of every workflow
  Backend API  ${portal.backendUrl}/api/workflow-orders
  DynamoDB     ${portal.dynamodbEndpoint}  (table workflow_orders, data in ${portal.dataDir}/dynamodb)

  API token    ${portal.apiToken}  (set WORKFLOW_ORDERS_API_TOKEN to change it)
    curl -H "Authorization: Bearer ${portal.apiToken}" \\
      ${portal.backendUrl}/api/workflow-orders/workflows/550e8400-e29b-41d4-a716-446655440000/orders

  Place an order by hand with the AWS CLI (it shows on "Test Workflow"):
    export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
    aws dynamodb put-item --endpoint-url ${portal.dynamodbEndpoint} --table-name workflow_orders --item ...

  Press Ctrl-C to stop everything.
`;

const aborter = new AbortController();
const starting = startPortal({ signal: aborter.signal });
let stopping = false;

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping the portal...\n`);
  aborter.abort();
  const portal = await starting.catch(() => undefined);
  await portal?.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => shutdown(signal));
}

// npm does not always pass its SIGTERM on; when the parent goes, the portal goes with it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown('parent exited');
}, 1000).unref();

starting.then(
  portal => {
    if (!stopping) process.stdout.write(banner(portal));
  },
  error => {
    if (stopping) return;
    process.stderr.write(`Could not start the portal: ${error.message}\n`);
    process.exit(1);
  },
);
