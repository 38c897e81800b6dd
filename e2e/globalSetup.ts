import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { startPortal } from '@workflow-orders/local-portal';

const ROOT = resolve(__dirname, '..');
const DATA_DIR = join(ROOT, '.local/e2e');
const PORTS = { app: 3100, backend: 7107, dynamodb: 8101 };
const CONTROL_PORT = 7199;
const DEMO_INTERVAL_MS = 4000;

/**
 * Starts the local portal for the browser tests and returns its teardown. The portal's DynamoDB runs
 * in this process, so the scenario that takes DynamoDB away asks for it on a loopback control port
 * (`POST /dynamodb/stop`, `POST /dynamodb/start`). The tests read where everything is from the
 * `WORKFLOW_ORDERS_E2E_*` variables set here.
 */
export default async function globalSetup(_config: FullConfig) {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const portal = await startPortal({
    dataDir: DATA_DIR,
    ports: PORTS,
    demoIntervalMs: DEMO_INTERVAL_MS,
    watch: false,
    output: 'files',
    log: line => process.stdout.write(`  portal: ${line}\n`),
  });

  const actions: Record<string, (() => Promise<void>) | undefined> = {
    'POST /dynamodb/stop': portal.stopDynamoDb,
    'POST /dynamodb/start': portal.startDynamoDb,
  };
  const control = createServer((req, res) => {
    const action = actions[`${req.method} ${req.url}`];
    if (!action) {
      res.writeHead(404).end();
      return;
    }
    action().then(
      () => res.writeHead(204).end(),
      error => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>(done =>
    control.listen(CONTROL_PORT, '127.0.0.1', done),
  );

  process.env.WORKFLOW_ORDERS_E2E_APP_URL = portal.appUrl;
  process.env.WORKFLOW_ORDERS_E2E_BACKEND_URL = portal.backendUrl;
  process.env.WORKFLOW_ORDERS_E2E_DYNAMODB = portal.dynamodbEndpoint;
  process.env.WORKFLOW_ORDERS_E2E_API_TOKEN = portal.apiToken;
  process.env.WORKFLOW_ORDERS_E2E_CONTROL_URL = `http://127.0.0.1:${CONTROL_PORT}`;
  process.env.WORKFLOW_ORDERS_E2E_LOGS = DATA_DIR;

  return async () => {
    await new Promise(done => control.close(done));
    await portal.stop();
  };
}
