import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type StreamSpecification,
} from '@aws-sdk/client-dynamodb';
import { useTestTable } from '@workflow-orders/test-utils';
import { ensureOrdersTable } from './ensureOrdersTable';
import {
  ordersTable,
  ordersTableCreateInput,
  ordersTableIndexes,
} from './table';

describe('ensureOrdersTable', () => {
  // The engine alone: each test makes the table it needs.
  const dynamo = useTestTable({ tableName: false });

  const ensure = (tableName: string) =>
    ensureOrdersTable({ client: dynamo.client, tableName });

  const streamOf = async (tableName: string) => {
    const { Table } = await dynamo.client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    const spec = Table?.StreamSpecification;
    return spec?.StreamEnabled ? spec.StreamViewType : 'none';
  };

  /** A table with the orders table's keys and id index, and the stream given, if any. */
  const createTableWithStream = (
    tableName: string,
    StreamSpecification?: StreamSpecification,
  ) => {
    const input = ordersTableCreateInput(tableName);
    return dynamo.client.send(
      new CreateTableCommand({ ...input, StreamSpecification }),
    );
  };

  it('creates the table with its keys, id index and TTL, and changes nothing the second time', async () => {
    // Act
    const first = await ensure('orders_new');
    const second = await ensure('orders_new');

    // Assess
    const { Table } = await dynamo.client.send(
      new DescribeTableCommand({ TableName: 'orders_new' }),
    );
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'workflow_id', KeyType: 'HASH' },
      { AttributeName: 'placed_at', KeyType: 'RANGE' },
    ]);
    expect(
      Table?.GlobalSecondaryIndexes?.map(index => index.IndexName).sort(),
    ).toEqual(['id-index', 'latest-orders-index']);
    expect(first).toMatchObject({
      table: 'created',
      idIndex: 'created',
      latestIndex: 'created',
    });
    expect(second).toMatchObject({
      table: 'exists',
      idIndex: 'exists',
      latestIndex: 'exists',
    });
    const ttlSupported = dynamo.engine !== 'dynalite';
    expect([first.ttl, second.ttl]).toEqual(
      ttlSupported
        ? ['enabled', 'already-enabled']
        : ['unsupported', 'unsupported'],
    );
    const ttl = await dynamo.client
      .send(new DescribeTimeToLiveCommand({ TableName: 'orders_new' }))
      .then(
        ({ TimeToLiveDescription: d }) =>
          `${d?.AttributeName} ${d?.TimeToLiveStatus}`,
      )
      .catch(error => error.name);
    expect(ttl).toBe(ttlSupported ? 'ttl ENABLED' : 'undefined DISABLED');
  });

  it('creates the table with a stream of new images where the engine has streams', async () => {
    // Act
    const first = await ensure('orders_s');
    const second = await ensure('orders_s');

    // Assess: dynalite implements no streams and takes the request without one
    const streams = dynamo.engine !== 'dynalite';
    expect([first.stream, second.stream]).toEqual(
      streams ? ['created', 'exists'] : ['unsupported', 'unsupported'],
    );
    expect(await streamOf('orders_s')).toBe(streams ? 'NEW_IMAGE' : 'none');
  });

  it('turns on the stream of an existing table that has none', async () => {
    // Prepare
    await createTableWithStream('orders_no_stream');

    // Act
    const result = await ensure('orders_no_stream');

    // Assess
    const streams = dynamo.engine !== 'dynalite';
    expect(result).toMatchObject({
      table: 'exists',
      stream: streams ? 'enabled' : 'unsupported',
    });
    expect(await streamOf('orders_no_stream')).toBe(
      streams ? 'NEW_IMAGE' : 'none',
    );
  });

  it('leaves alone a stream of keys only, and says so', async () => {
    // Prepare
    await createTableWithStream('orders_keys_stream', {
      StreamEnabled: true,
      StreamViewType: 'KEYS_ONLY',
    });

    // Act
    const result = await ensure('orders_keys_stream');

    // Assess
    const streams = dynamo.engine !== 'dynalite';
    expect(result.stream).toBe(streams ? 'other-view-type' : 'unsupported');
    expect(await streamOf('orders_keys_stream')).toBe(
      streams ? 'KEYS_ONLY' : 'none',
    );
  });

  it('adds both indexes to a table created by the original quickstart commands', async () => {
    // Prepare
    await dynamo.client.send(
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
    const outcome = await ensure('orders_original').then(
      result =>
        `${result.table}, index ${result.idIndex}, latest ${result.latestIndex}`,
      error => error.message,
    );

    // Assess
    const { Table } = await dynamo.client.send(
      new DescribeTableCommand({ TableName: 'orders_original' }),
    );
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map(
      index => `${index.IndexName} ${index.IndexStatus}`,
    );
    // dynalite implements UpdateTable for throughput only, and the tool says so
    const canAddIndex = dynamo.engine !== 'dynalite';
    expect(outcome).toBe(
      canAddIndex
        ? 'exists, index added, latest added'
        : 'This DynamoDB engine accepted but did not add the id-index index to orders_original; recreate the table or add the index with the AWS CLI',
    );
    expect(indexes.sort()).toEqual(
      canAddIndex ? ['id-index ACTIVE', 'latest-orders-index ACTIVE'] : [],
    );
  });

  it('adds the latest-orders index to a table made before it, and the index then lists latest orders', async () => {
    // Prepare: the table as the previous definition made it, with the id index alone
    await dynamo.createTable({
      tableName: 'orders_before_latest',
      latestOrdersIndex: false,
    });

    // Act
    const outcome = await ensure('orders_before_latest').then(
      result => `id index ${result.idIndex}, latest ${result.latestIndex}`,
      error => error.message,
    );

    // Assess
    const { Table } = await dynamo.client.send(
      new DescribeTableCommand({ TableName: 'orders_before_latest' }),
    );
    const latest = Table?.GlobalSecondaryIndexes?.find(
      index => index.IndexName === 'latest-orders-index',
    );
    // dynalite implements UpdateTable for throughput only, and the tool says so
    const canAddIndex = dynamo.engine !== 'dynalite';
    expect(outcome).toBe(
      canAddIndex
        ? 'id index exists, latest added'
        : 'This DynamoDB engine accepted but did not add the latest-orders-index index to orders_before_latest; recreate the table or add the index with the AWS CLI',
    );
    const defined = ordersTableIndexes().find(
      index => index.IndexName === ordersTable.latestIndex.name,
    );
    expect(
      latest && {
        status: latest.IndexStatus,
        keys: latest.KeySchema,
        projection: latest.Projection,
      },
    ).toEqual(
      canAddIndex
        ? {
            status: 'ACTIVE',
            keys: defined?.KeySchema,
            projection: defined?.Projection,
          }
        : undefined,
    );
  });
});
