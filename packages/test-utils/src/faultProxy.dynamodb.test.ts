import {
  BatchWriteItemCommand,
  ListTablesCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { faultEveryRequest } from './faultProxy';
import { useTestTable } from './testTable';

describe('startFaultProxy', () => {
  // A proxy of its own for each test, so its counts start at 0.
  const table = useTestTable({ faultProxy: true, scope: 'test' });

  const listTables = (timeoutMs = 2000) =>
    table
      .createClient({ ...table.proxy.clientConfig, maxAttempts: 1 })
      .send(new ListTablesCommand({}), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });

  it('forwards requests and answers as DynamoDB does', async () => {
    // Act
    const { TableNames } = await listTables();

    // Assess
    expect(TableNames).toContain(table.tableName);
    expect(table.proxy.stats()).toMatchObject({
      requests: 1,
      forwarded: 1,
      operations: { ListTables: 1 },
    });
  });

  it('counts the items each read sends back', async () => {
    // Prepare: five orders of one workflow
    const client = table.createClient(table.proxy.clientConfig);
    const workflowId = 'proxy-items-workflow';
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table.tableName]: [1, 2, 3, 4, 5].map(n => ({
            PutRequest: {
              Item: {
                workflow_id: { S: workflowId },
                placed_at: { N: String(1_700_000_000 + n) },
                id: { S: `order-${n}` },
                // An attribute named like the answer's own count is not taken for it.
                Count: { N: '99' },
              },
            },
          })),
        },
      }),
    );
    const query = (extra: object) =>
      client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'workflow_id = :w',
          ExpressionAttributeValues: { ':w': { S: workflowId } },
          ...extra,
        }),
      );

    // Act: a page of 3, and a count, which sends no items
    await query({ Limit: 3 });
    await query({ Select: 'COUNT' });

    // Assess
    expect(table.proxy.stats().itemsReturned).toEqual({ Query: 3 });
  });

  it.each([
    ['throttle', 'ThrottlingException'],
    ['http500', 'InternalFailure'],
  ] as const)('injects %s as a %s error', async (fault, name) => {
    // Prepare
    table.proxy.set(faultEveryRequest(fault));

    // Act
    const failure = await listTables().catch(error => error);

    // Assess
    expect(failure.name).toBe(name);
    expect(table.proxy.stats().injected[fault]).toBe(1);
    expect(table.proxy.stats().forwarded).toBe(0);
  });

  it('resets the connection after applying the request when told to fail after forwarding', async () => {
    // Prepare
    table.proxy.set({
      failureRate: 1,
      faults: ['reset'],
      faultTiming: 'after',
    });

    // Act
    const failure = await listTables().catch(error => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(table.proxy.stats()).toMatchObject({
      forwarded: 1,
      injected: { reset: 1 },
    });
  });

  it('never answers while black-holed, and answers again afterwards', async () => {
    // Prepare
    table.proxy.set({ blackhole: true });

    // Act
    const failure = await listTables(300).catch(error => error);
    table.proxy.set({ blackhole: false });
    const { TableNames } = await listTables();

    // Assess
    expect(failure.name).toBe('AbortError');
    expect(table.proxy.stats().blackholed).toBe(1);
    expect(TableNames).toContain(table.tableName);
  });
});
