import {
  CreateTableCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import {
  latestOrderKeyOf,
  ORDER_RETENTION_SECONDS,
  ordersTable,
  type TableItem,
} from '@workflow-orders/table';
import {
  anOrder,
  awsCliPutItem,
  quickstartItem,
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { storedOrder, streamEvent } from './__testUtils__/lambdaRecords';
import { openTableStream, type TableStream } from './__testUtils__/tableStream';
import { createLatestOrderProjector } from './createLatestOrderProjector';

// The real stream of AWS DynamoDB Local, read with the Streams API and handed over as Lambda does.
// dynalite implements no streams, so this suite always runs on DynamoDB Local (Java); the unit
// stage leaves it out and the DynamoDB Local stage runs it.

const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

describe('the latest-order projector on a real DynamoDB stream', () => {
  let db: EmbeddedDynamoDb;
  let documents: DynamoDBDocumentClient;
  let stream: TableStream;

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb({ engine: 'dynamodb-local' });
    documents = DynamoDBDocumentClient.from(db.createClient());
    stream = await openTableStream(db.clientConfig, db.tableName);
  }, 90_000);

  afterAll(async () => {
    stream?.stop();
    documents?.destroy();
    await db?.stop();
  });

  // What earlier tests left on the stream (the projector's own writes) is not this test's batch.
  beforeEach(() => stream.read());

  const logger = () => ({ warn: jest.fn(), error: jest.fn() });
  const projectorOf = (log = logger()) =>
    createLatestOrderProjector({
      tableName: db.tableName,
      clientConfig: db.clientConfig,
      logger: log,
    });
  const latestOf = async (workflowId: string) =>
    (
      await documents.send(
        new GetCommand({
          TableName: db.tableName,
          Key: latestOrderKeyOf(workflowId),
          ConsistentRead: true,
        }),
      )
    ).Item;
  const put = (item: TableItem) =>
    documents.send(new PutCommand({ TableName: db.tableName, Item: item }));
  const orderRecordsOf = (records: DynamoDBRecord[], workflowId: string) =>
    records.filter(
      r =>
        r.dynamodb?.NewImage?.workflow_id?.S === workflowId &&
        r.dynamodb.NewImage.placed_at?.N !== '0',
    );

  it('projects the test order of the quickstart, put with the AWS CLI', async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = secondsAgo(60);
    await awsCliPutItem({
      endpoint: db.endpoint,
      tableName: db.tableName,
      item: quickstartItem({ workflowId: workflowId, placedAt: placedAt }),
    });
    const records = await stream.read({ atLeast: 1 });

    // Act
    const response = await projectorOf()(streamEvent(records));

    // Assess
    expect(records.map(r => r.eventName)).toEqual(['INSERT']);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toEqual({
      ...latestOrderKeyOf(workflowId),
      last_placed_at: placedAt,
      ttl: placedAt + ORDER_RETENTION_SECONDS,
      latest_orders_shard: 'latest',
      last_order: {
        id: 'test-order-001',
        workflow_id: workflowId,
        workflow_name: 'Test Workflow',
        placed_at: placedAt,
        order_code: 'FRA40.I',
        order_price: 7850.25,
        order_quantity: 10,
        order_direction: 'BUY',
        order_type: 'LIMIT',
        ttl: placedAt + ORDER_RETENTION_SECONDS,
      },
    });
  }, 30_000);

  it("projects an order of the original Python engine as boto3 stored it: Decimal numbers, the enums' names, no workflow_name", async () => {
    // Prepare: what boto3's put_item sends for an item of Decimals
    const workflowId = randomUUID();
    const placedAt = secondsAgo(30);
    const N = (value: string): AttributeValue => ({ N: value });
    const client = db.createClient();
    await client.send(
      new PutItemCommand({
        TableName: db.tableName,
        Item: {
          id: { S: 'legacy-7f3a' },
          workflow_id: { S: workflowId },
          placed_at: N(String(placedAt)),
          order_code: { S: 'DAX.I' },
          order_price: N('18000.50'),
          order_quantity: N('2'),
          trigger_close: N('17990.2500000000000000000001'),
          order_direction: { S: 'Sell' },
          order_type: { S: 'Limit' },
          ttl: N(String(placedAt + ORDER_RETENTION_SECONDS)),
        },
      }),
    );
    client.destroy();
    const records = await stream.read({ atLeast: 1 });

    // Act
    const response = await projectorOf()(streamEvent(records));

    // Assess: the order as stored; readers decide how to show it
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toMatchObject({
      last_placed_at: placedAt,
      last_order: {
        id: 'legacy-7f3a',
        placed_at: placedAt,
        order_price: 18000.5,
        order_quantity: 2,
        trigger_close: 17990.25,
        order_direction: 'Sell',
        order_type: 'Limit',
      },
    });
    expect((await latestOf(workflowId))?.last_order).not.toHaveProperty(
      'workflow_name',
    );
  }, 30_000);

  it("repairs the recorder's latest-order item and ignores the recorder's guard, latest-order item and its own writes", async () => {
    // Prepare: the recorder stores an order; its latest-order item is then lost, as when a flush
    // deadline cut the recorder's third step short
    const workflowId = randomUUID();
    const recorder = createOrderRecorder({
      tableName: db.tableName,
      clientConfig: db.clientConfig,
    });
    recorder.record(anOrder({ workflow_id: workflowId }));
    expect(await recorder.flush()).toMatchObject({ recorded: 1 });
    const byRecorder = await latestOf(workflowId);
    await documents.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: latestOrderKeyOf(workflowId),
      }),
    );
    // guard, order, latest-order item, its removal
    const records = await stream.read({ atLeast: 4 });
    const projector = projectorOf();

    // Act
    const response = await projector(streamEvent(records));
    const ownWrites = await stream.read({ atLeast: 1 });
    await projector(streamEvent(ownWrites));

    // Assess
    expect(records.map(r => r.eventName)).toEqual([
      'INSERT',
      'INSERT',
      'INSERT',
      'REMOVE',
    ]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toEqual(byRecorder);
    expect(projector.stats()).toEqual({
      records: 5,
      advanced: 1,
      current: 0,
      ignored: 4,
      malformed: 0,
      failed: 0,
      updates: 1,
    });
  }, 30_000);

  it('keeps the newest order when an older record is handed after a newer one, and when a record comes twice', async () => {
    // Prepare
    const workflowId = randomUUID();
    const [older, newer] = [
      storedOrder(workflowId, secondsAgo(20)),
      storedOrder(workflowId, secondsAgo(10)),
    ];
    await put(older);
    await put(newer);
    const [olderRecord, newerRecord] = orderRecordsOf(
      await stream.read({ atLeast: 2 }),
      workflowId,
    );

    // Act: separate batches, out of order, each handed again
    const responses = [];
    for (const record of [newerRecord, olderRecord, newerRecord, olderRecord]) {
      responses.push(await projectorOf()(streamEvent([record])));
    }

    // Assess
    expect(responses.flatMap(r => r.batchItemFailures)).toEqual([]);
    expect(await latestOf(workflowId)).toMatchObject({
      last_placed_at: newer.placed_at,
      last_order: newer,
    });
  }, 30_000);

  it('does not bring back an expired order as current', async () => {
    // Prepare: a workflow with a current order, and one whose only order is 8 days old
    const [current, expiredOnly] = [randomUUID(), randomUUID()];
    const eightDaysAgo = secondsAgo(ORDER_RETENTION_SECONDS + 86_400);
    const fresh = storedOrder(current, secondsAgo(60));
    await put(fresh);
    await projectorOf()(streamEvent(await stream.read({ atLeast: 1 })));
    await stream.read({ atLeast: 1 });
    await put(storedOrder(current, eightDaysAgo));
    await put(storedOrder(expiredOnly, eightDaysAgo));
    const records = await stream.read({ atLeast: 2 });

    // Act
    const response = await projectorOf()(streamEvent(records));

    // Assess: the expired order keeps its own expiry, long past, as the recorder's step writes it
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(current)).toMatchObject({ last_order: fresh });
    const expired = await latestOf(expiredOnly);
    expect(expired?.ttl).toBe(eightDaysAgo + ORDER_RETENTION_SECONDS);
    expect(expired?.ttl).toBeLessThan(secondsAgo(0));
  }, 30_000);

  it('reports a record DynamoDB refuses to project in batchItemFailures, and lands the others of the batch', async () => {
    // Prepare: an order as large as an item may be, whose copy in a latest-order item is too large
    const poisoned = randomUUID();
    const largest = await largestOrderItem(poisoned);
    const others = [randomUUID(), randomUUID()];
    await put(storedOrder(others[0], secondsAgo(5)));
    await put(largest);
    await put(storedOrder(others[1], secondsAgo(5)));
    const records = await stream.read({ atLeast: 3 });
    const log = logger();

    // Act
    const response = await projectorOf(log)(streamEvent(records));

    // Assess
    const [poison] = orderRecordsOf(records, poisoned);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber }],
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not make order .* \(not transient\): .*size/i,
      ),
      { sequenceNumber: poison.dynamodb?.SequenceNumber },
    );
    expect(await latestOf(poisoned)).toBeUndefined();
    for (const workflowId of others) {
      expect(await latestOf(workflowId)).toBeDefined();
    }
  }, 60_000);

  it('never moves a latest order backwards when the function crashes mid-batch and Lambda retries', async () => {
    // Prepare: 4 workflows, 3 orders each, written in turn; the stream read as two batches
    const workflowIds = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const newest = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      for (const [index, workflowId] of workflowIds.entries()) {
        const placedAt = secondsAgo(100 - round * 10 - index);
        await put(storedOrder(workflowId, placedAt));
        newest.set(workflowId, placedAt);
      }
    }
    const records = await stream.read({ atLeast: 12 });
    const [first, second] = [records.slice(0, 6), records.slice(6)];
    const history = new Map<string, number[]>(workflowIds.map(id => [id, []]));
    const snapshot = async () => {
      for (const workflowId of workflowIds) {
        const placedAt = (await latestOf(workflowId))?.last_placed_at;
        history.get(workflowId)!.push(Number(placedAt ?? 0));
      }
    };

    // Act: the second batch's container dies after 2 of its updates; Lambda hands the batch to
    // another container, then, at least once as it delivers, the first batch again
    await projectorOf()(streamEvent(first));
    await snapshot();
    const crashing = crashingClient(2);
    void createLatestOrderProjector({
      tableName: db.tableName,
      client: crashing.client,
      logger: logger(),
    })(streamEvent(second)).catch(() => undefined);
    await crashing.crashed;
    await snapshot();
    const retries = [
      await projectorOf()(streamEvent(second)),
      await projectorOf()(streamEvent(first)),
    ];
    await snapshot();
    crashing.release();

    // Assess
    expect(retries.flatMap(r => r.batchItemFailures)).toEqual([]);
    for (const [workflowId, placedAts] of history) {
      const sorted = [...placedAts].sort((a, b) => a - b);
      expect(placedAts).toEqual(sorted);
      expect(placedAts.at(-1)).toBe(newest.get(workflowId));
    }
  }, 60_000);

  /** A document client of the table that sends `updates` UpdateItem requests, then hangs. */
  function crashingClient(updates: number) {
    const real = DynamoDBDocumentClient.from(db.createClient());
    let sent = 0;
    let crash = () => {};
    const crashed = new Promise<void>(resolve => {
      crash = resolve;
    });
    const hung: Array<(error: Error) => void> = [];
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'UpdateCommand') {
          sent += 1;
          if (sent > updates) {
            crash();
            return new Promise((_, reject) => hung.push(reject));
          }
        }
        return real.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    return {
      client,
      crashed,
      release: () => {
        for (const reject of hung) reject(new Error('the container is gone'));
        real.destroy();
      },
    };
  }

  /**
   * The largest order item the table takes, of `workflowId`: found on a table of its own, one
   * byte of padding at a time by halves.
   */
  async function largestOrderItem(workflowId: string): Promise<TableItem> {
    const sizing = `orders_sizing_${randomUUID().slice(0, 8)}`;
    const client = db.createClient();
    await client.send(
      new CreateTableCommand({
        TableName: sizing,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: ordersTable.partitionKey, AttributeType: 'S' },
          { AttributeName: ordersTable.sortKey, AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: ordersTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: ordersTable.sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
    const sizingDocuments = DynamoDBDocumentClient.from(client);
    const order = storedOrder(workflowId, secondsAgo(5));
    const withPadding = (length: number) => ({
      ...order,
      padding: 'x'.repeat(length),
    });
    let [fits, tooLarge] = [1, 400 * 1024];
    while (tooLarge - fits > 1) {
      const length = Math.floor((fits + tooLarge) / 2);
      const stored = await sizingDocuments
        .send(new PutCommand({ TableName: sizing, Item: withPadding(length) }))
        .then(
          () => true,
          () => false,
        );
      [fits, tooLarge] = stored ? [length, tooLarge] : [fits, length];
    }
    client.destroy();
    return withPadding(fits);
  }
});
