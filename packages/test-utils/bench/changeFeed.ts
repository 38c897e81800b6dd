/*
 * How much the change feed adds to a write: PutItem and UpdateItem latency straight to dynalite and
 * through the feed (with a listener, as the local portal has), one write each way in turn, so both
 * see the same machine load. dynalite, the feed and the client share this process, as dynalite and
 * the feed share the local portal's.
 *
 * `npm run bench` in this package (BENCH_FEED_WRITES sets the writes per kind and path, default
 * 4,000); reports `feed_write_p99_added_ms`, the larger of PutItem's and UpdateItem's p99 added.
 */
import {
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  benchResult,
  reportBench,
  startChangeFeed,
  startEmbeddedDynamoDb,
} from '../src';

const writes = Number(process.env.BENCH_FEED_WRITES ?? 4000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const db = await startEmbeddedDynamoDb({ engine: 'dynalite' });
  const feed = await startChangeFeed({ target: db.endpoint });
  let records = 0;
  feed.subscribe(batch => {
    records += batch.length;
  });
  const clients = {
    direct: db.createClient(),
    feed: db.createClient({ endpoint: feed.endpoint }),
  };
  const samples = {
    put: { direct: [] as number[], feed: [] as number[] },
    update: { direct: [] as number[], feed: [] as number[] },
  };
  const workflowId = randomUUID();
  let placedAt = 1_700_000_000;
  const put = (client: DynamoDBClient) =>
    client.send(
      new PutItemCommand({
        TableName: db.tableName,
        Item: {
          id: { S: randomUUID() },
          workflow_id: { S: workflowId },
          placed_at: { N: String((placedAt += 1)) },
          order_code: { S: 'FRA40.I' },
          order_price: { N: '7850.25' },
        },
      }),
    );
  const update = (client: DynamoDBClient) =>
    client.send(
      new UpdateItemCommand({
        TableName: db.tableName,
        Key: { workflow_id: { S: workflowId }, placed_at: { N: '0' } },
        UpdateExpression: 'SET last_placed_at = :at',
        ExpressionAttributeValues: { ':at': { N: String((placedAt += 1)) } },
      }),
    );
  const measure = async (
    kind: 'put' | 'update',
    count: number,
    keep: boolean,
  ) => {
    const write = kind === 'put' ? put : update;
    for (let i = 0; i < count; i++) {
      for (const path of ['direct', 'feed'] as const) {
        const start = performance.now();
        await write(clients[path]);
        if (keep) samples[kind][path].push(performance.now() - start);
      }
    }
  };

  for (const kind of ['put', 'update'] as const)
    await measure(kind, 300, false);
  for (const kind of ['put', 'update'] as const) {
    await measure(kind, writes, true);
  }

  const lines = [];
  let addedP99 = 0;
  for (const kind of ['put', 'update'] as const) {
    const [direct, viaFeed] = [samples[kind].direct, samples[kind].feed].map(
      list => [...list].sort((a, b) => a - b),
    );
    const row = (p: number) =>
      `${kind} p${p}: direct ${percentile(direct, p).toFixed(3)} ms, through the feed ${percentile(viaFeed, p).toFixed(3)} ms, added ${(percentile(viaFeed, p) - percentile(direct, p)).toFixed(3)} ms`;
    lines.push(row(50), row(95), row(99));
    addedP99 = Math.max(
      addedP99,
      percentile(viaFeed, 99) - percentile(direct, 99),
    );
  }
  process.stdout.write(
    `${writes} writes of each kind per path, Node ${process.version}, ${records} records emitted\n${lines.join('\n')}\n`,
  );
  for (const client of Object.values(clients)) client.destroy();
  await feed.close();
  await db.stop();
  reportBench('change feed', [
    benchResult('feed_write_p99_added_ms', addedP99, 'ms', '<= 1'),
  ]);
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
