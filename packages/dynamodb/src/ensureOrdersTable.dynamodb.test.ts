import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded';
import { ensureOrdersTable } from './ensureOrdersTable';

describe('ensureOrdersTable', () => {
  let dynamo: EmbeddedDynamoDb;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamoDb({ tableName: false });
    client = dynamo.createClient();
  }, 90_000);

  afterAll(async () => {
    client.destroy();
    await dynamo.stop();
  });

  it('creates the table with its keys, id index and TTL, and changes nothing the second time', async () => {
    // Act
    const first = await ensureOrdersTable({ client, tableName: 'orders_new' });
    const second = await ensureOrdersTable({ client, tableName: 'orders_new' });

    // Assess
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: 'orders_new' }),
    );
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'workflow_id', KeyType: 'HASH' },
      { AttributeName: 'placed_at', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map(index => index.IndexName)).toEqual([
      'id-index',
    ]);
    expect(first).toMatchObject({ table: 'created', idIndex: 'created' });
    expect(second).toMatchObject({ table: 'exists', idIndex: 'exists' });
    if (dynamo.engine === 'dynalite') {
      expect(first.ttl).toBe('unsupported');
    } else {
      expect(first.ttl).toBe('enabled');
      expect(second.ttl).toBe('already-enabled');
      const { TimeToLiveDescription } = await client.send(
        new DescribeTimeToLiveCommand({ TableName: 'orders_new' }),
      );
      expect(TimeToLiveDescription).toMatchObject({
        AttributeName: 'ttl',
        TimeToLiveStatus: 'ENABLED',
      });
    }
  });

  it('adds the id index to a table created by the original quickstart commands', async () => {
    // Prepare
    await client.send(
      new CreateTableCommand({
        TableName: 'orders_original',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'workflow_id', AttributeType: 'S' },
          { AttributeName: 'placed_at', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'workflow_id', KeyType: 'HASH' },
          { AttributeName: 'placed_at', KeyType: 'RANGE' },
        ],
      }),
    );

    // Act
    const result = ensureOrdersTable({ client, tableName: 'orders_original' });

    // Assess
    if (dynamo.engine === 'dynalite') {
      // dynalite implements UpdateTable for throughput only
      await expect(result).rejects.toThrow(
        'This DynamoDB engine accepted but did not add the id-index index to orders_original',
      );
      return;
    }
    await expect(result).resolves.toMatchObject({ table: 'exists', idIndex: 'added' });
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: 'orders_original' }),
    );
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'id-index',
      IndexStatus: 'ACTIVE',
    });
  });
});
