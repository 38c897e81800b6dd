import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { awsCliPutItem, quickstartItem } from '../awsCli';
import { useTestTable } from '../testTable';
import type { ChangeRecord } from './streamRecords';

describe('startChangeFeed', () => {
  let records: ChangeRecord[];
  let errors: Error[];
  // A feed of its own for each test: its memory of item images starts empty.
  const table = useTestTable({
    scope: 'test',
    changeFeed: { onError: error => errors.push(error) },
  });

  beforeEach(() => {
    records = [];
    errors = [];
    table.feed.subscribe(batch => records.push(...batch));
  });

  const S = (value: string): AttributeValue => ({ S: value });
  const N = (value: string): AttributeValue => ({ N: value });
  const keyOf = (workflowId: string, placedAt: number) => ({
    workflow_id: S(workflowId),
    placed_at: N(String(placedAt)),
  });
  const put = (item: Record<string, AttributeValue>, extra = {}) =>
    table.client.send(
      new PutItemCommand({ TableName: table.tableName, Item: item, ...extra }),
    );
  // An update's record follows its answer: the feed reads the new image once the client has it.
  const recordsWhen = async (count: number) => {
    const deadline = Date.now() + 2_000;
    while (records.length < count && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    return records;
  };
  const summary = (record: ChangeRecord) => ({
    eventName: record.eventName,
    keys: record.dynamodb.Keys,
    newImage: record.dynamodb.NewImage,
  });

  it('emits a record shaped as a DynamoDB Streams record in a Lambda event for a put, with the numbers as DynamoDB stores them', async () => {
    // Prepare
    const workflowId = randomUUID();
    const item = { ...keyOf(workflowId, 100), order_price: N('18000.50') };

    // Act
    const answer = await put(item);

    // Assess: the client gets what it asked for, no attributes
    expect(answer.Attributes).toBeUndefined();
    expect(records).toEqual([
      {
        eventID: expect.stringMatching(/^[0-9a-f]{32}$/),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        eventSourceARN: table.feed.streamArn,
        dynamodb: {
          ApproximateCreationDateTime: expect.any(Number),
          Keys: keyOf(workflowId, 100),
          NewImage: { ...keyOf(workflowId, 100), order_price: N('18000.5') },
          SequenceNumber: expect.stringMatching(/^\d{21}$/),
          SizeBytes: expect.any(Number),
          StreamViewType: 'NEW_IMAGE',
        },
      },
    ]);
    expect(table.feed.streamArn).toMatch(
      /^arn:aws:dynamodb:us-east-1:\d{12}:table\/workflow_orders\/stream\//,
    );
  });

  it('emits MODIFY for a changed item, nothing for a put that changes nothing, REMOVE for a delete, nothing for a delete of no item', async () => {
    // Prepare
    const workflowId = randomUUID();
    const item = { ...keyOf(workflowId, 100), order_price: N('1') };

    // Act
    await put(item);
    await put(item);
    await put({ ...item, order_price: N('2') });
    const deleted = await table.client.send(
      new DeleteItemCommand({
        TableName: table.tableName,
        Key: keyOf(workflowId, 100),
        ReturnValues: 'ALL_OLD',
      }),
    );
    await table.client.send(
      new DeleteItemCommand({
        TableName: table.tableName,
        Key: keyOf(workflowId, 100),
      }),
    );

    // Assess
    expect(deleted.Attributes).toEqual({ ...item, order_price: N('2') });
    expect(records.map(summary)).toEqual([
      { eventName: 'INSERT', keys: keyOf(workflowId, 100), newImage: item },
      {
        eventName: 'MODIFY',
        keys: keyOf(workflowId, 100),
        newImage: { ...item, order_price: N('2') },
      },
      {
        eventName: 'REMOVE',
        keys: keyOf(workflowId, 100),
        newImage: undefined,
      },
    ]);
    const sequence = records.map(r => BigInt(r.dynamodb.SequenceNumber));
    expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('emits the new image of an update and answers the client with the values it asked for', async () => {
    // Prepare
    const workflowId = randomUUID();
    const update = (value: string, ReturnValues?: 'ALL_NEW' | 'UPDATED_OLD') =>
      table.client.send(
        new UpdateItemCommand({
          TableName: table.tableName,
          Key: keyOf(workflowId, 0),
          UpdateExpression: 'SET last_placed_at = :value',
          ExpressionAttributeValues: { ':value': N(value) },
          ReturnValues,
        }),
      );

    // Act
    const first = await update('10');
    const second = await update('20.0', 'ALL_NEW');
    const third = await update('30', 'UPDATED_OLD');

    // Assess
    expect(first.Attributes).toBeUndefined();
    expect(second.Attributes).toEqual({
      ...keyOf(workflowId, 0),
      last_placed_at: N('20'),
    });
    expect(third.Attributes).toEqual({ last_placed_at: N('20') });
    expect((await recordsWhen(3)).map(summary)).toEqual(
      ['10', '20', '30'].map((value, index) => ({
        eventName: index === 0 ? 'INSERT' : 'MODIFY',
        keys: keyOf(workflowId, 0),
        newImage: { ...keyOf(workflowId, 0), last_placed_at: N(value) },
      })),
    );
  });

  it('emits nothing for a write whose condition fails', async () => {
    // Prepare
    const item = keyOf(randomUUID(), 100);
    await put(item);
    records.length = 0;

    // Act
    const failure = await put(item, {
      ConditionExpression: 'attribute_not_exists(workflow_id)',
    }).catch(error => error);

    // Assess
    expect(failure.name).toBe('ConditionalCheckFailedException');
    expect(records).toEqual([]);
  });

  it('emits a record per put and delete of a batch write', async () => {
    // Prepare
    const workflowId = randomUUID();
    await put(keyOf(workflowId, 1));
    records.length = 0;

    // Act
    await table.client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table.tableName]: [
            { PutRequest: { Item: keyOf(workflowId, 2) } },
            { DeleteRequest: { Key: keyOf(workflowId, 1) } },
          ],
        },
      }),
    );

    // Assess
    expect(records.map(r => [r.eventName, r.dynamodb.Keys])).toEqual([
      ['INSERT', keyOf(workflowId, 2)],
      ['REMOVE', keyOf(workflowId, 1)],
    ]);
  });

  it("captures the AWS CLI's put: the CLI checks the answer's checksum, which the feed recomputes", async () => {
    // Prepare
    const workflowId = randomUUID();

    // Act
    await awsCliPutItem({
      endpoint: table.endpoint,
      tableName: table.tableName,
      item: quickstartItem({ workflowId, placedAt: 1_700_000_000 }),
    });

    // Assess
    expect(records.map(summary)).toEqual([
      {
        eventName: 'INSERT',
        keys: keyOf(workflowId, 1_700_000_000),
        newImage: quickstartItem({ workflowId, placedAt: 1_700_000_000 }),
      },
    ]);
  }, 30_000);

  it('keeps the order of writes per key when many clients write at once', async () => {
    // Prepare
    const workflowId = randomUUID();

    // Act: 50 updates of one item at once, each adding one
    await Promise.all(
      Array.from({ length: 50 }, () =>
        table.client.send(
          new UpdateItemCommand({
            TableName: table.tableName,
            Key: keyOf(workflowId, 0),
            UpdateExpression: 'ADD write_count :one',
            ExpressionAttributeValues: { ':one': N('1') },
          }),
        ),
      ),
    );

    // Assess
    expect(
      (await recordsWhen(50)).map(r => r.dynamodb.NewImage?.write_count?.N),
    ).toEqual(Array.from({ length: 50 }, (_, index) => String(index + 1)));
  });

  it('reports a transaction it cannot capture when the engine takes it', async () => {
    // Act
    const outcome = await table.client
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: { TableName: table.tableName, Item: keyOf(randomUUID(), 1) },
            },
          ],
        }),
      )
      .then(
        () => 'taken',
        error => error.name,
      );

    // Assess: dynalite lacks transactions; DynamoDB Local takes them, uncaptured
    const uncaptured = /does not capture TransactWriteItems/;
    const expected =
      table.engine === 'dynalite'
        ? { outcome: 'UnknownOperationException', reported: false }
        : { outcome: 'taken', reported: true };
    expect(records).toEqual([]);
    expect({
      outcome,
      reported: errors.some(e => uncaptured.test(e.message)),
    }).toEqual(expected);
  });
});
