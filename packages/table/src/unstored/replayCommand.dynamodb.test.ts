import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';
import { formatUnstoredLine } from './unstoredLine';

const BIN = join(__dirname, '..', '..', 'bin', 'workflow-orders-table');
const table = useTestTable();

/** Runs `workflow-orders-table replay` against the test table; resolves with its exit code and output. */
function replay(args: string[], stdin = '') {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    resolve => {
      const child = execFile(
        process.execPath,
        [
          BIN,
          'replay',
          '--endpoint',
          table.endpoint,
          '--table',
          table.tableName,
          ...args,
        ],
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin);
    },
  );
}

describe('workflow-orders-table replay', () => {
  const workflowId = randomUUID();
  const now = Date.now() / 1000;
  const orders = [1, 2].map(n => aStoredOrder(workflowId, now - 60 + n));
  // An export of the function's log: its own lines, the recorder's, and one cut short.
  const exported = [
    '2026-12-04T10:00:00.000Z START RequestId: c0ffee-42 Version: $LATEST',
    ...orders.map(
      order =>
        `2026-12-04T10:00:01.000Z 2026-12-04T10:00:01.000Z\tc0ffee-42\tERROR\t${formatUnstoredLine(
          { table: table.tableName, reason: 'flush deadline reached', order },
        )}`,
    ),
    formatUnstoredLine({
      table: table.tableName,
      reason: 'queue full',
      order: orders[0],
    }).slice(0, 60),
    '2026-12-04T10:00:02.000Z REPORT RequestId: c0ffee-42 Duration: 2901.2 ms',
  ].join('\n');

  it('stores the orders of a log export read from standard input, and lists the bad line', async () => {
    const result = await replay([], exported);

    expect(result.stdout).toBe(
      `table ${table.tableName}: 2 orders stored, 0 already present, 1 invalid; 2 other lines passed over\n` +
        '  line 4: truncated or not JSON after the marker\n',
    );
    expect(result.code).toBe(1);
    expect((await table.ordersOf(workflowId)).map(order => order.id)).toEqual(
      orders.map(order => order.id),
    );
  });

  it('finds them present when the same file is replayed again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'export.log');
    writeFileSync(file, exported.split('\n').slice(0, 3).join('\n'));

    const result = await replay(['--input', file]);

    expect(result).toMatchObject({
      code: 0,
      stdout: `table ${table.tableName}: 0 orders stored, 2 already present, 0 invalid; 1 other lines passed over\n`,
    });
  });

  it('says which input it cannot read', async () => {
    const result = await replay(['--input', '/nonexistent/export.log']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Could not replay /nonexistent/export.log: ENOENT',
    );
  });
});
