import {
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { createLatestOrderProjector } from '@workflow-orders/stream-projector';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import {
  anOrder,
  awsCliPutItem,
  createEventSourceMapping,
  quickstartItem,
  useTestTable,
  type ChangeRecord,
  type TestTable,
} from '@workflow-orders/test-utils';
import type { DynamoDBStreamEvent } from 'aws-lambda';

// Conformance of the change feed: one sequence of writes goes to AWS DynamoDB Local, whose stream
// is real, and to dynalite through the change feed, as the local portal runs it. The records the
// projector receives must be the same (event name, keys, new image, order per key), and after the
// projector has handled them both tables must hold the same items. DynamoDB Local runs here, so
// the suite runs in the DynamoDB Local stage only.

const WORKFLOWS = {
  recorder: '0a6b6f0e-1c1d-4b1a-9d0e-000000000001',
  originalNamed: '0a6b6f0e-1c1d-4b1a-9d0e-000000000002',
  originalUnnamed: '0a6b6f0e-1c1d-4b1a-9d0e-000000000003',
  awsCli: '0a6b6f0e-1c1d-4b1a-9d0e-000000000004',
  sameSecond: '0a6b6f0e-1c1d-4b1a-9d0e-000000000005',
  expiring: '0a6b6f0e-1c1d-4b1a-9d0e-000000000006',
};

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: string | number): AttributeValue => ({ N: String(value) });

/** An order as the original Python engine's boto3 `put_item` wrote it. */
function originalEngineItem(
  workflowId: string,
  placedAt: number,
  name?: string,
): Record<string, AttributeValue> {
  return {
    id: S(`legacy-${workflowId.slice(-1)}-${placedAt}`),
    workflow_id: S(workflowId),
    ...(name ? { workflow_name: S(name) } : {}),
    placed_at: N(placedAt),
    order_code: S('DAX.I'),
    order_price: N('18000.50'),
    order_quantity: N('2'),
    trigger_close: N('17990.2500000000000000000001'),
    order_direction: S('Sell'),
    order_type: S('Limit'),
    ttl: N(placedAt + ORDER_RETENTION_SECONDS),
  };
}

/** The sequence of writes, the same on either endpoint. */
async function writeSequence(
  clientConfig: DynamoDBClientConfig & { endpoint: string },
  tableName: string,
  now: number,
) {
  const recorder = createOrderRecorder({
    tableName,
    clientConfig,
    executionContext: 'conformance',
    concurrency: 1,
  });
  const client = new DynamoDBClient(clientConfig);
  try {
    // The recorder: guard, order, latest-order item.
    recorder.record(
      anOrder({
        id: 'recorded-1',
        workflow_id: WORKFLOWS.recorder,
        placed_at: now - 100,
      }),
    );
    await recorder.flush();
    // The original engine, with and without workflow_name.
    for (const item of [
      originalEngineItem(WORKFLOWS.originalNamed, now - 90, 'Legacy named'),
      originalEngineItem(WORKFLOWS.originalUnnamed, now - 80),
    ]) {
      await client.send(
        new PutItemCommand({ TableName: tableName, Item: item }),
      );
    }
    // The quickstart's AWS CLI item.
    await awsCliPutItem({
      endpoint: clientConfig.endpoint,
      tableName,
      item: quickstartItem({
        workflowId: WORKFLOWS.awsCli,
        placedAt: now - 70,
      }),
    });
    // Two orders of one workflow in the same second: the second moves to the next microsecond.
    for (const id of ['same-second-1', 'same-second-2']) {
      recorder.record(
        anOrder({ id, workflow_id: WORKFLOWS.sameSecond, placed_at: now - 60 }),
      );
      await recorder.flush();
    }
    // A delete, by hand.
    await client.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: {
          workflow_id: S(WORKFLOWS.originalUnnamed),
          placed_at: N(now - 80),
        },
      }),
    );
    // An order past its retention, then its removal as Time to Live removes it.
    const expired = now - ORDER_RETENTION_SECONDS - 3_600;
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: originalEngineItem(WORKFLOWS.expiring, expired, 'Expiring'),
      }),
    );
    await client.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: { workflow_id: S(WORKFLOWS.expiring), placed_at: N(expired) },
      }),
    );
  } finally {
    client.destroy();
  }
}

/** Per key, in stream order: what the projector reads of each record. */
function byKey(records: ChangeRecord[]) {
  const keys = new Map<string, unknown[]>();
  for (const record of records) {
    const key = JSON.stringify(
      Object.entries(record.dynamodb.Keys).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    const seen = keys.get(key) ?? [];
    seen.push({
      eventName: record.eventName,
      keys: record.dynamodb.Keys,
      newImage: record.dynamodb.NewImage,
      viewType: record.dynamodb.StreamViewType,
    });
    keys.set(key, seen);
  }
  return Object.fromEntries([...keys].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** How many records of each event. */
const tally = (records: ChangeRecord[]) =>
  records.reduce<Record<string, number>>((counts, { eventName }) => {
    counts[eventName] = (counts[eventName] ?? 0) + 1;
    return counts;
  }, {});

/** Every item of the table, each in one spelling, in one order. */
async function scanAll(table: TestTable) {
  const items = await table.scanItems();
  return items.map(item => JSON.stringify(sortedItem(item))).sort();
}

function sortedItem(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedItem);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, inner]) => [name, sortedItem(inner)]),
    );
  }
  return value;
}

describe('the change feed against the real stream of AWS DynamoDB Local', () => {
  const local = useTestTable({ engine: 'dynamodb-local', stream: true });
  const lite = useTestTable({ engine: 'dynalite', changeFeed: true });

  it('gives the projector the same records, and the tables end up the same', async () => {
    // Prepare
    const now = Math.floor(Date.now() / 1000);
    const fromFeed: ChangeRecord[] = [];
    const unsubscribe = lite.feed.subscribe(records =>
      fromFeed.push(...records),
    );
    const { clientConfig: feedConfig } = lite;
    const { clientConfig: localConfig } = local;

    // Act: the writes, then each side's records to the projector, as Lambda hands them over
    await writeSequence(localConfig, local.tableName, now);
    await writeSequence(feedConfig, lite.tableName, now);
    // Updates' records follow their answers by one read at most.
    await new Promise(resolve => setTimeout(resolve, 200));
    unsubscribe();
    const fromStream = await local.stream.read({ atLeast: fromFeed.length });
    const received = {
      stream: [] as ChangeRecord[],
      feed: [] as ChangeRecord[],
    };
    const projectorOf = (config: DynamoDBClientConfig, tableName: string) =>
      createLatestOrderProjector({
        tableName,
        clientConfig: config,
        logger: { warn: () => {}, error: () => {} },
      });
    const localProjector = projectorOf(localConfig, local.tableName);
    received.stream.push(...fromStream);
    const localResponse = await localProjector({
      Records: fromStream,
    } as unknown as DynamoDBStreamEvent);
    const feedProjector = projectorOf(feedConfig, lite.tableName);
    const mapping = createEventSourceMapping({
      handler: async event => {
        received.feed.push(...event.Records);
        return feedProjector(event as unknown as DynamoDBStreamEvent);
      },
    });
    mapping.push([...fromFeed]);
    await mapping.idle();

    // Assess: the same records, key by key, in the same order per key
    expect(fromFeed.length).toBe(fromStream.length);
    expect(byKey(fromFeed)).toEqual(byKey(fromStream));
    expect(byKey(received.feed)).toEqual(byKey(received.stream));
    // 12 inserts; the moved guard and the latest-order item of the same-second pair; 2 removals
    expect(tally(fromStream)).toEqual({ INSERT: 12, MODIFY: 2, REMOVE: 2 });
    expect(localResponse).toEqual({ batchItemFailures: [] });
    expect(mapping.stats()).toMatchObject({ failedRecords: 0 });
    expect(localProjector.stats()).toMatchObject({ malformed: 0, failed: 0 });
    expect(feedProjector.stats()).toEqual(localProjector.stats());
    expect(await scanAll(lite)).toEqual(await scanAll(local));
  }, 120_000);
});
