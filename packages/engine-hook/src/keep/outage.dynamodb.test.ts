import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatUnstoredLine,
  replayUnstoredOrders,
} from '@workflow-orders/table';
import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';
import { createOrderRecorder } from '../createOrderRecorder';
import { spillDirectoryOf } from './stateDirectory';

const table = useTestTable({ faultProxy: true });

/** Runs the fixture engine through the fault proxy; resolves with its flush result and stderr. */
function runEngine(
  env: Record<string, string | undefined>,
  args: {
    workflowId: string;
    count: number;
    maxQueue: number;
    quiet?: boolean;
  },
) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, '__fixtures__', 'recordOrders.ts'),
      args.workflowId,
      String(args.count),
      String(args.maxQueue),
      '300',
      ...(args.quiet ? ['quiet'] : []),
    ],
    {
      env: {
        ...process.env,
        ...table.environment(table.proxy.endpoint),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  return new Promise<{ code: number | null; result: any; stderr: string }>(
    resolve =>
      child.on('exit', code =>
        resolve({ code, result: JSON.parse(stdout || 'null'), stderr }),
      ),
  );
}

async function waitFor(check: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

const distinctIds = (orders: Record<string, unknown>[]) =>
  new Set(orders.map(order => order.id)).size;

describe('orders DynamoDB did not take', () => {
  it('are kept in the spill file when a command-line engine exits, and stored once by the next recorder', async () => {
    const stateDirectory = mkdtempSync(join(tmpdir(), 'state-'));
    const workflowId = randomUUID();
    table.proxy.set({ blackhole: true });

    const outage = await runEngine(
      { WORKFLOW_ORDERS_STATE_DIR: stateDirectory },
      { workflowId, count: 2000, maxQueue: 100, quiet: true },
    );

    expect(outage.code).toBe(0);
    expect(outage.result).toMatchObject({
      recorded: 0,
      dropped: 1900,
      kept: 1900,
      pending: 100,
      timedOut: true,
    });
    const directory = spillDirectoryOf(stateDirectory, table.tableName);
    expect(readdirSync(directory)).toEqual([
      expect.stringMatching(/^unstored-.*\.jsonl$/),
    ]);

    table.proxy.reset();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      tableName: table.tableName,
      stateDirectory,
    });
    await waitFor(() => recorder.stats().replayed === 2000, 'the replay');
    const flushed = await recorder.flush({ timeoutMs: 60_000 });

    expect(flushed).toMatchObject({ recorded: 2000, duplicates: 0, failed: 0 });
    const stored = await table.ordersOf(workflowId);
    expect(stored).toHaveLength(2000);
    expect(distinctIds(stored)).toBe(2000);
    await waitFor(() => readdirSync(directory).length === 0, 'the file to go');
  }, 120_000);

  it('are logged in AWS Lambda, one line each, which table:replay stores once', async () => {
    const workflowId = randomUUID();
    table.proxy.set({ blackhole: true });

    const outage = await runEngine(
      {
        WORKFLOW_ORDERS_STATE_DIR: '',
        AWS_LAMBDA_FUNCTION_NAME: 'dax-breakout',
      },
      { workflowId, count: 300, maxQueue: 50 },
    );

    expect(outage.result).toMatchObject({
      dropped: 250,
      kept: 300,
      pending: 50,
    });
    table.proxy.reset();
    const replay = () =>
      replayUnstoredOrders({
        client: table.client,
        tableName: table.tableName,
        lines: outage.stderr.split('\n'),
      });
    expect(await replay()).toMatchObject({ stored: 300, invalid: 0 });
    expect(await replay()).toMatchObject({ stored: 0, alreadyPresent: 300 });
    const stored = await table.ordersOf(workflowId);
    expect(stored).toHaveLength(300);
    expect(distinctIds(stored)).toBe(300);
  }, 120_000);

  it('are replayed from each file by one recorder only, also from a process that died writing it', async () => {
    const stateDirectory = mkdtempSync(join(tmpdir(), 'state-'));
    const directory = spillDirectoryOf(stateDirectory, table.tableName);
    const workflowId = randomUUID();
    const now = Date.now() / 1000;
    const orders = Array.from({ length: 40 }, (_, n) =>
      aStoredOrder(workflowId, now - 100 + n),
    );
    const lines = orders.map(order =>
      formatUnstoredLine({
        table: table.tableName,
        reason: 'queue full',
        order,
      }),
    );
    // A finished process's file, and one of a process that died before closing it.
    const finished = spawn(process.execPath, ['-e', '']);
    await once(finished, 'exit');
    mkdirSync(directory, { recursive: true });
    writeFileSync(
      join(directory, 'unstored-a.jsonl'),
      `${lines.slice(0, 20).join('\n')}\n`,
    );
    writeFileSync(
      join(directory, `unstored-b-${finished.pid}-abcdef.jsonl.open`),
      `${lines.slice(20).join('\n')}\n`,
    );

    const recorders = [1, 2].map(() =>
      createOrderRecorder({
        clientConfig: table.clientConfig,
        tableName: table.tableName,
        stateDirectory,
      }),
    );
    await waitFor(
      () => recorders.reduce((sum, r) => sum + r.stats().replayed, 0) === 40,
      'the replay',
    );
    await Promise.all(recorders.map(r => r.flush({ timeoutMs: 30_000 })));

    const stats = recorders.map(r => r.stats());
    expect(stats.reduce((sum, s) => sum + s.recorded, 0)).toBe(40);
    expect(stats.reduce((sum, s) => sum + s.duplicates, 0)).toBe(0);
    expect(await table.ordersOf(workflowId)).toHaveLength(40);
    await waitFor(() => readdirSync(directory).length === 0, 'the files to go');
  }, 120_000);
});
