import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { anOrder, testLogger, useTestTable } from '@workflow-orders/test-utils';
import { createOrderRecorder } from './createOrderRecorder';

const PACKAGE_DIR = join(__dirname, '..');

/** Runs the CLI example in its own process; resolves with its exit code, output and wall time. */
function runCliExample(
  env: NodeJS.ProcessEnv,
  workflowId: string,
  flushMs: number,
) {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join('examples', 'cli.ts'),
      workflowId,
      String(flushMs),
    ],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', chunk => {
    stdout += chunk;
  });
  child.stderr.resume();
  return new Promise<{ code: number | null; stdout: string; wallMs: number }>(
    resolve => {
      child.on('exit', code =>
        resolve({ code, stdout, wallMs: Date.now() - started }),
      );
    },
  );
}

describe('createOrderRecorder with a DynamoDB that never answers', () => {
  const table = useTestTable({ faultProxy: true });

  beforeEach(() => {
    table.proxy.set({ blackhole: true });
  });

  it('accepts every order at once and resolves flush at its deadline with the orders pending', async () => {
    // Prepare
    const logger = testLogger();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger,
    });
    const workflowId = randomUUID();

    // Act
    const returned = Array.from({ length: 5 }, () =>
      recorder.record(anOrder({ workflow_id: workflowId })),
    );
    const queued = recorder.stats().pending;
    const started = Date.now();
    const result = await recorder.flush({ timeoutMs: 500 });
    const elapsed = Date.now() - started;

    // Assess
    expect(returned).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(queued).toBe(5);
    expect(elapsed).toBeLessThanOrEqual(600);
    expect(result).toMatchObject({
      recorded: 0,
      failed: 0,
      pending: 5,
      timedOut: true,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'flush deadline of 500 ms reached with 5 orders pending',
      ),
    );
  });

  it('writes the pending orders on the next flush once DynamoDB answers again', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger: testLogger(),
    });
    const workflowId = randomUUID();
    recorder.record(anOrder({ workflow_id: workflowId }));
    recorder.record(anOrder({ workflow_id: workflowId }));
    await recorder.flush({ timeoutMs: 300 });

    // Act
    table.proxy.set({ blackhole: false });
    const result = await recorder.flush({ timeoutMs: 10_000 });

    // Assess
    expect(result).toMatchObject({ recorded: 2, pending: 0, timedOut: false });
    expect(await table.ordersOf(workflowId)).toHaveLength(2);
  });

  it('lets a command-line engine exit by itself right after the flush deadline', async () => {
    // Prepare
    const flushMs = 1000;
    const env = table.environment(table.proxy.endpoint);

    // Act
    const run = await runCliExample(env, randomUUID(), flushMs);

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      recorded: 0,
      pending: 2,
      timedOut: true,
    });
    expect(run.wallMs).toBeLessThan(flushMs + 3000);
  }, 30_000);
});
