import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ORDER_RETENTION_SECONDS } from './orderRecord';
import { guardKeyOf, latestOrderKeyOf } from './table';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';

const run = promisify(execFile);
const BIN = join(__dirname, '..', 'bin', 'workflow-orders-table');

describe('workflow-orders-table', () => {
  // The engine alone: the tool makes the tables.
  const dynamo = useTestTable({ tableName: false });

  const table = (...args: string[]) => run(process.execPath, [BIN, ...args]);

  it('creates the table at the endpoint it is given, and says so', async () => {
    // Act
    const first = await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--region',
      'us-east-1',
      '--table',
      'orders_cli',
    );
    const second = await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_cli',
    );

    // Assess
    expect(first.stdout).toMatch(
      /^table orders_cli: created; id index: created; latest-orders index: created; TTL: /,
    );
    expect(second.stdout).toMatch(
      /^table orders_cli: exists; id index: exists; latest-orders index: exists; TTL: /,
    );
    const { Table } = await dynamo.client.send(
      new DescribeTableCommand({ TableName: 'orders_cli' }),
    );
    expect(Table?.TableStatus).toBe('ACTIVE');
  }, 60_000);

  it('names the endpoint it could not reach and exits 1', async () => {
    // Act
    const failure = await table(
      'create',
      '--endpoint',
      'http://127.0.0.1:9',
      '--table',
      'x',
    ).catch(error => error);

    // Assess
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('Could not create the table');
    expect(failure.stderr).toContain('127.0.0.1:9');
  }, 60_000);

  it("backfills each workflow's latest order from its newest readable order, once", async () => {
    // Prepare: orders of other writers, a stale latest-order item, an expired order, a guard, junk
    await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_backfill',
    );
    const { documents } = dynamo;
    const now = Math.floor(Date.now() / 1000);
    const [legacy, mixed, expired, beforeIndex] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const order = (workflow_id: string, placed_at: number, id: string) => ({
      workflow_id,
      placed_at,
      id,
      workflow_name: 'Legacy Engine',
      order_code: 'DAX.I',
      order_price: 18000,
      order_quantity: 2,
      order_direction: 'Sell',
      order_type: 'open_stop',
      ttl: placed_at + ORDER_RETENTION_SECONDS,
    });
    const withoutId = ({ id: _id, ...item }: ReturnType<typeof order>) => item;
    const items = [
      order(legacy, now - 300, 'legacy-old'),
      order(legacy, now - 100, 'legacy-new'),
      order(mixed, now - 500, 'recorded'),
      {
        ...latestOrderKeyOf(mixed),
        last_placed_at: now - 500,
        last_order: order(mixed, now - 500, 'recorded'),
      },
      order(mixed, now - 50, 'cli'),
      order(expired, now - ORDER_RETENTION_SECONDS - 60, 'expired'),
      // Newer than every other order of `legacy`, but without an id: not an order anyone can show.
      withoutId(order(legacy, now - 10, 'junk')),
      { ...guardKeyOf('legacy-new'), order_placed_at: now - 100 },
      // Current, but written before the latest-orders index: without its key.
      order(beforeIndex, now - 200, 'before-index'),
      {
        ...latestOrderKeyOf(beforeIndex),
        last_placed_at: now - 200,
        last_order: order(beforeIndex, now - 200, 'before-index'),
      },
    ];
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          orders_backfill: items.map(Item => ({ PutRequest: { Item } })),
        },
      }),
    );
    const latestOf = async (workflowId: string) =>
      (
        await documents.send(
          new GetCommand({
            TableName: 'orders_backfill',
            Key: latestOrderKeyOf(workflowId),
          }),
        )
      ).Item;

    // Act
    const first = await table(
      'backfill',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_backfill',
    );
    const second = await table(
      'backfill',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_backfill',
    );

    // Assess
    expect(first.stdout).toBe(
      'table orders_backfill: 5 orders of the last 7 days in 3 workflows (1 malformed items left alone); ' +
        'latest-order items written: 2, already current: 1 (of which put in the latest-orders index: 1)\n',
    );
    expect(second.stdout).toContain(
      'latest-order items written: 0, already current: 3 (of which put in the latest-orders index: 0)',
    );
    expect(await latestOf(beforeIndex)).toEqual({
      ...latestOrderKeyOf(beforeIndex),
      last_placed_at: now - 200,
      last_order: order(beforeIndex, now - 200, 'before-index'),
      latest_orders_shard: 'latest',
    });
    expect(await latestOf(legacy)).toMatchObject({
      latest_orders_shard: 'latest',
      last_placed_at: now - 100,
      last_order: { id: 'legacy-new', order_direction: 'Sell' },
    });
    expect(await latestOf(mixed)).toMatchObject({
      last_placed_at: now - 50,
      last_order: { id: 'cli' },
    });
    expect(await latestOf(expired)).toBeUndefined();
  }, 60_000);

  it('finishes a backfill paced by --max-rcu, however often it waits for read capacity', async () => {
    // Prepare: 8 workflows of 40 orders each, with their guards: 640 items
    await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_paced',
    );
    const now = Math.floor(Date.now() / 1000);
    const workflows = Array.from({ length: 8 }, () => randomUUID());
    const orders = workflows.flatMap(workflowId =>
      Array.from({ length: 40 }, (_, i) =>
        aStoredOrder(workflowId, now - 60 * (i + 1), {
          id: `${workflowId.slice(0, 8)}-${i}`,
        }),
      ),
    );
    const items = orders.flatMap(order => [
      order,
      { ...guardKeyOf(order.id), order_placed_at: order.placed_at },
    ]);
    for (let start = 0; start < items.length; start += 25) {
      let requests = items
        .slice(start, start + 25)
        .map(Item => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await dynamo.documents.send(
          new BatchWriteCommand({ RequestItems: { orders_paced: requests } }),
        );
        requests = (UnprocessedItems?.orders_paced ?? []) as typeof requests;
      }
    }
    const checkpoint = join(
      mkdtempSync(join(tmpdir(), 'workflow-orders-backfill-')),
      'checkpoint.json',
    );

    // Act: 5 read units a second, from an empty budget: the Scan (about 16 units) waits, many times
    const result = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>(resolve => {
      const child = execFile(
        process.execPath,
        [
          BIN,
          'backfill',
          '--endpoint',
          dynamo.endpoint,
          '--table',
          'orders_paced',
          '--segments',
          '2',
          '--max-rcu',
          '5',
          '--checkpoint',
          checkpoint,
        ],
        (_error, stdout, stderr) =>
          resolve({ code: child.exitCode, stdout, stderr }),
      );
    });

    // Assess: the whole table scanned, the summary printed, each workflow's newest order stored
    expect(result).toEqual({
      code: 0,
      stdout:
        'table orders_paced: 320 orders of the last 7 days in 8 workflows; ' +
        'latest-order items written: 8, already current: 0 (of which put in the latest-orders index: 0)\n',
      stderr: expect.stringMatching(
        // With the table's item count (DynamoDB Local keeps one, dynalite does not), the share too.
        /^backfill orders_paced: 640 (of ~[\d,]+ \(\d+%\) )?items scanned, 320 orders in 8 workflows, .* segments done 2\/2 in \d+s\n$/,
      ),
    });
    expect(existsSync(checkpoint)).toBe(false);
    for (const workflowId of workflows) {
      const { Item } = await dynamo.documents.send(
        new GetCommand({
          TableName: 'orders_paced',
          Key: latestOrderKeyOf(workflowId),
        }),
      );
      expect(Item).toMatchObject({
        latest_orders_shard: 'latest',
        last_placed_at: now - 60,
        last_order: { id: `${workflowId.slice(0, 8)}-0` },
      });
    }
  }, 60_000);

  it('writes the template and both policies', async () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'workflow-orders-deploy-'));

    // Act
    await table('render', '--out', out);

    // Assess
    expect(readdirSync(out).sort()).toEqual([
      'backend-read-policy.json',
      'engine-write-policy.json',
      'stream-projector-policy.json',
      'workflow-orders-table.cfn.json',
    ]);
  }, 60_000);

  it('explains its usage on an unknown command', async () => {
    const failure = await table('drop').catch(error => error);

    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('Unknown command "drop"');
    expect(failure.stderr).toContain('workflow-orders-table create');
  }, 60_000);
});
