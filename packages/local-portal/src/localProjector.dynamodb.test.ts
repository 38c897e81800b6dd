import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  aStoredOrder,
  awsCliPutItem,
  quickstartItem,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalProjector, type LocalProjector } from './localProjector';

// The wiring of the local portal: the change feed in front of the embedded DynamoDB, the event
// source mapping, and the production handler in its worker thread, configured by its environment.

describe('the stream projector of the local portal', () => {
  let projector: LocalProjector;
  let dir: string;
  const lines: string[] = [];
  const table = useTestTable({ changeFeed: true });
  const { latestOf, put } = table;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-projector-'));
    projector = startLocalProjector({
      endpoint: table.endpoint,
      tableName: table.tableName,
      region: table.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      failureLog: join(dir, 'failures.jsonl'),
      output: { kind: 'file', path: join(dir, 'projector.log') },
      log: line => lines.push(line),
      mapping: { retryDelayMs: 50 },
    });
    table.feed.subscribe(records => projector.push(records));
  });

  afterAll(async () => {
    await projector?.stop(1_000);
    rmSync(dir, { recursive: true, force: true });
  });

  const secondsAgo = (seconds: number) =>
    Math.floor(Date.now() / 1000) - seconds;
  const eventually = async <T>(read: () => Promise<T>, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value || Date.now() > deadline) return value;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  };
  const fileText = (name: string) =>
    existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '';

  it("makes the quickstart's AWS CLI order its workflow's latest order, with its price", async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = secondsAgo(10);

    // Act
    const start = Date.now();
    await awsCliPutItem({
      endpoint: table.endpoint,
      tableName: table.tableName,
      item: quickstartItem({ workflowId, placedAt }),
    });
    const latest = await eventually(() => latestOf(workflowId));

    // Assess
    expect(latest).toMatchObject({
      last_placed_at: placedAt,
      last_order: { id: 'test-order-001', order_price: 7850.25 },
    });
    expect(Date.now() - start).toBeLessThan(10_000);
  }, 30_000);

  it('logs a malformed item written by hand with its key, and goes on with the next orders', async () => {
    // Prepare: a workflow_id that is not a UUID, then a good order
    const good = randomUUID();
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          workflow_id: { S: 'typed-by-hand' },
          placed_at: { N: String(secondsAgo(5)) },
          id: { S: 'oops' },
        },
      }),
    );

    // Act
    await put(aStoredOrder(good, secondsAgo(4)));

    // Assess
    expect(await eventually(() => latestOf(good))).toBeDefined();
    const log = await eventually(async () =>
      /Skipped a stream record/.test(fileText('projector.log'))
        ? fileText('projector.log')
        : '',
    );
    expect(log).toMatch(
      /Skipped a stream record .* workflow_id must be a UUID/,
    );
    expect(log).toMatch(/typed-by-hand/);
    expect(log).toMatch(/malformed: 1/);
  }, 30_000);

  it('retries a record the projector cannot land, then writes it to the on-failure log, while other workflows are projected', async () => {
    // Prepare: an order as large as an item may be; its copy in a latest-order item is too large
    const poisoned = randomUUID();
    const healthy = randomUUID();
    const largest = await table.largestItem(
      aStoredOrder(poisoned, secondsAgo(2)),
    );

    // Act
    await put(largest);
    await put(aStoredOrder(healthy, secondsAgo(3)));

    // Assess: the healthy workflow is not held up by the poisoned one's retries
    expect(await eventually(() => latestOf(healthy), 1_000)).toBeDefined();
    await projector.idle();
    expect(await latestOf(poisoned)).toBeUndefined();
    const [failure] = fileText('failures.jsonl')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(failure).toMatchObject({
      requestContext: {
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 4,
      },
      records: [{ dynamodb: { Keys: { workflow_id: { S: poisoned } } } }],
    });
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Stream projector: gave up 1 record\\(s\\) after 4 attempts .*${poisoned}`,
        ),
      ),
    ]);
  }, 60_000);
});
