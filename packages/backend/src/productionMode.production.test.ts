import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DEFAULT_API_TOKEN,
  startService,
  waitForUrl,
  type Service,
} from '@workflow-orders/local-portal';
import {
  startEmbeddedDynamoDb,
  startFaultProxy,
  type EmbeddedDynamoDb,
  type FaultProxy,
} from '@workflow-orders/test-utils';

// The local portal's backend as production runs it: built (`backstage-cli package build`), started
// with NODE_ENV=production, against the embedded DynamoDB behind the fault proxy. What each kind of
// error answers a client, and what the log keeps. The workspace plugins it loads are this repo's
// sources (Backstage's node transform), as they are not published here.

const ROOT = resolve(__dirname, '../../..');
const BACKEND_DIR = resolve(__dirname, '..');
const PORT = 7407;
const BASE = `http://localhost:${PORT}`;
const API = `${BASE}/api/workflow-orders`;
const UNKNOWN_WORKFLOW = '7d0e5f8a-1b2c-4d3e-9f40-5a6b7c8d9e0f';
const UNKNOWN_ORDER = 'order-that-was-never-placed';
const auth = { Authorization: `Bearer ${DEFAULT_API_TOKEN}` };

/** Traces of the machine the backend runs on that must never reach a client. */
const INTERNALS =
  /\bat \S+ \(|node_modules|\/work\/|packages\/|\.ts:\d|\.js:\d|\$metadata|\$fault|ECONNREFUSED|127\.0\.0\.1|"stack"|"cause"/;

let dynamodb: EmbeddedDynamoDb;
let proxy: FaultProxy;
let backend: Service;
let logFile: string;
/** Every error answer of the run, written to test-results/production-mode.json for reading. */
const answers: Array<{ status: number; body: unknown }> = [];

beforeAll(async () => {
  const build = spawnSync(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
      // The built entry point only; the Docker bundle of create-app's flow needs yarn.
      '--role',
      'node-library',
    ],
    { cwd: BACKEND_DIR, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    throw new Error(`backstage-cli package build failed: ${build.stderr}`);
  }

  dynamodb = await startEmbeddedDynamoDb({ engine: 'dynalite' });
  proxy = await startFaultProxy({ target: dynamodb.endpoint });
  const dir = mkdtempSync(join(tmpdir(), 'workflow-orders-production-'));
  logFile = join(dir, 'backend.log');
  const configFile = join(dir, 'app-config.production.yaml');
  writeFileSync(
    configFile,
    `backend:
  baseUrl: ${BASE}
  listen:
    port: ${PORT}
workflowOrders:
  dynamodb:
    endpoint: ${proxy.endpoint}
    tableName: ${dynamodb.tableName}
    maxAttempts: 1
    requestTimeoutMs: 1000
`,
  );
  backend = startService({
    name: 'backend',
    command: process.execPath,
    args: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'dist/index.cjs.js',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    cwd: BACKEND_DIR,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info' },
    output: { kind: 'file', path: logFile },
  });
  await waitForUrl(`${API}/health`, { timeoutMs: 90_000, service: backend });
}, 180_000);

afterAll(async () => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'test-results/production-mode.json'),
    `${JSON.stringify(answers, null, 2)}\n`,
  );
  await backend?.stop();
  await proxy?.close();
  await dynamodb?.stop();
});

afterEach(() => proxy.set({ failureRate: 0, blackhole: false }));

/** An answer's status, request id header and body, checked for what production never shows. */
async function answerOf(response: Response) {
  const text = await response.text();
  expect(text).not.toMatch(INTERNALS);
  const body = JSON.parse(text);
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.request.id).toBe(requestId);
  answers.push({ status: response.status, body });
  return { status: response.status, body, requestId: requestId! };
}

/**
 * The backend's log lines that name `requestId`, once one of them has `text`: the log reaches its
 * file through a pipe, a moment after the answer. After 5 s, whatever lines there are.
 */
async function logLinesOf(requestId: string, text: string) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(line => line.includes(requestId));
    if (lines.some(line => line.includes(text)) || Date.now() > deadline) {
      return lines.join('\n');
    }
    await new Promise(done => setTimeout(done, 100));
  }
}

describe('the backend in production mode', () => {
  it('answers a bad query parameter with 400 and what is wrong', async () => {
    const { status, body } = await answerOf(
      await fetch(`${API}/workflows/${UNKNOWN_WORKFLOW}/orders?limit=0`, {
        headers: auth,
      }),
    );

    expect(status).toBe(400);
    expect(body.error).toEqual({
      name: 'InputError',
      message: expect.stringContaining('limit must be between 1 and 100'),
    });
  });

  it('answers a request without credentials with 401', async () => {
    const { status, body } = await answerOf(
      await fetch(`${API}/workflows/${UNKNOWN_WORKFLOW}/orders`),
    );

    expect(status).toBe(401);
    expect(body.error.name).toBe('AuthenticationError');
  });

  it('answers an unknown order with 404 and its id', async () => {
    const { status, body } = await answerOf(
      await fetch(`${API}/orders/${UNKNOWN_ORDER}`, { headers: auth }),
    );

    expect(status).toBe(404);
    expect(body.error.name).toBe('NotFoundError');
    expect(body.error.message).toContain(UNKNOWN_ORDER);
  });

  it('answers an oversized body with 413', async () => {
    const ids = Array.from({ length: 5000 }, () => UNKNOWN_WORKFLOW);
    const { status, body } = await answerOf(
      await fetch(`${API}/summaries`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ workflow_ids: ids }),
      }),
    );

    expect(status).toBe(413);
    expect(body.error.message).toBe('request entity too large');
  });

  it('answers an unexpected failure with 500 that says only that, and logs the detail', async () => {
    proxy.set({
      failureRate: 1,
      faults: ['validation'],
      faultTiming: 'before',
    });

    const { status, body, requestId } = await answerOf(
      await fetch(`${API}/workflows/${UNKNOWN_WORKFLOW}/activity`, {
        headers: auth,
      }),
    );

    expect(status).toBe(500);
    expect(body.error).toEqual({
      name: 'Error',
      message: 'An internal error occurred',
    });
    const logged = await logLinesOf(requestId, 'ValidationException');
    expect(logged).toContain('One or more parameter values were invalid');
    expect(logged).toContain('ValidationException');
  });

  it('answers during a DynamoDB outage with 503 and a message, and logs the cause', async () => {
    proxy.set({ blackhole: true });

    const { status, body, requestId } = await answerOf(
      await fetch(`${API}/workflows/${UNKNOWN_WORKFLOW}/activity`, {
        headers: auth,
      }),
    );

    expect(status).toBe(503);
    expect(body.error.name).toBe('ServiceUnavailableError');
    expect(body.error.message).toMatch(
      /^DynamoDB did not answer \(while reading .*\); try again shortly$/,
    );
    expect(body.error).not.toHaveProperty('cause');
    expect(await logLinesOf(requestId, 'TimeoutError')).toContain(
      'TimeoutError',
    );
  });

  it("keeps the framework's security headers on", async () => {
    const response = await fetch(`${API}/health`);

    expect(response.headers.get('content-security-policy')).toContain(
      "default-src 'self'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(
      /max-age=/,
    );
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
