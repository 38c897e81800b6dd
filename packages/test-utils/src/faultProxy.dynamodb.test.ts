import {
  BatchWriteItemCommand,
  ListTablesCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded';
import { startFaultProxy, type FaultProxy } from './faultProxy';

describe('startFaultProxy', () => {
  let dynamo: EmbeddedDynamoDb;
  let proxy: FaultProxy;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamoDb();
  }, 90_000);

  beforeEach(async () => {
    proxy = await startFaultProxy({ target: dynamo.endpoint });
  });

  afterEach(() => proxy.close());
  afterAll(() => dynamo.stop());

  const listTables = async (timeoutMs = 2000) => {
    const client = dynamo.createClient({
      endpoint: proxy.endpoint,
      maxAttempts: 1,
    });
    try {
      return await client.send(new ListTablesCommand({}), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
    } finally {
      client.destroy();
    }
  };

  it('forwards requests and answers as DynamoDB does', async () => {
    // Act
    const { TableNames } = await listTables();

    // Assess
    expect(TableNames).toContain('workflow_orders');
    expect(proxy.stats()).toMatchObject({
      requests: 1,
      forwarded: 1,
      operations: { ListTables: 1 },
    });
  });

  it('counts the items each read sends back', async () => {
    // Prepare: five orders of one workflow
    const client = dynamo.createClient({ endpoint: proxy.endpoint });
    const workflowId = 'proxy-items-workflow';
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [dynamo.tableName]: [1, 2, 3, 4, 5].map(n => ({
            PutRequest: {
              Item: {
                workflow_id: { S: workflowId },
                placed_at: { N: String(1_700_000_000 + n) },
                id: { S: `order-${n}` },
              },
            },
          })),
        },
      }),
    );
    const query = (extra: object) =>
      client.send(
        new QueryCommand({
          TableName: dynamo.tableName,
          KeyConditionExpression: 'workflow_id = :w',
          ExpressionAttributeValues: { ':w': { S: workflowId } },
          ...extra,
        }),
      );

    // Act: a page of 3, and a count, which sends no items
    await query({ Limit: 3 });
    await query({ Select: 'COUNT' });
    client.destroy();

    // Assess
    expect(proxy.stats().itemsReturned).toEqual({ Query: 3 });
  });

  it.each([
    ['throttle', 'ThrottlingException'],
    ['http500', 'InternalFailure'],
  ] as const)('injects %s as a %s error', async (fault, name) => {
    // Prepare
    proxy.set({ failureRate: 1, faults: [fault], faultTiming: 'before' });

    // Act
    const failure = await listTables().catch(error => error);

    // Assess
    expect(failure.name).toBe(name);
    expect(proxy.stats().injected[fault]).toBe(1);
    expect(proxy.stats().forwarded).toBe(0);
  });

  it('resets the connection after applying the request when told to fail after forwarding', async () => {
    // Prepare
    proxy.set({ failureRate: 1, faults: ['reset'], faultTiming: 'after' });

    // Act
    const failure = await listTables().catch(error => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(proxy.stats()).toMatchObject({
      forwarded: 1,
      injected: { reset: 1 },
    });
  });

  it('never answers while black-holed, and answers again afterwards', async () => {
    // Prepare
    proxy.set({ blackhole: true });

    // Act
    const failure = await listTables(300).catch(error => error);
    proxy.set({ blackhole: false });
    const { TableNames } = await listTables();

    // Assess
    expect(failure.name).toBe('AbortError');
    expect(proxy.stats().blackholed).toBe(1);
    expect(TableNames).toContain('workflow_orders');
  });
});
