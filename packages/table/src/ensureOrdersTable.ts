import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import {
  ordersTable,
  ordersTableCreateInput,
  ordersTableIndexes,
} from './table';

/** Options of {@link ensureOrdersTable}. @public */
export interface EnsureOrdersTableOptions {
  /** The client to use (its endpoint and region decide where the table is made). */
  readonly client: DynamoDBClient;
  /**
   * Name of the table.
   *
   * @defaultValue 'workflow_orders'
   */
  readonly tableName?: string;
  /**
   * How long to wait for the table and its index to become active.
   *
   * @defaultValue 120000
   */
  readonly timeoutMs?: number;
}

/** What {@link ensureOrdersTable} did with one index: made with the table, added to it, or found. @public */
export type IndexOutcome = 'created' | 'added' | 'exists';

/** What {@link ensureOrdersTable} did. @public */
export interface EnsureOrdersTableResult {
  /** The table that was made or checked. */
  readonly tableName: string;
  /** `created` for a new table, `exists` when it was there already. */
  readonly table: 'created' | 'exists';
  /** `added` when an existing table (of the original product) lacked the id index. */
  readonly idIndex: IndexOutcome;
  /**
   * The `latest-orders-index` of the Workflow orders page: `added` when an existing table lacked it
   * (then run `backfill`, which puts latest-order items written before it in the index).
   */
  readonly latestIndex: IndexOutcome;
  /** `unsupported` on local engines without TTL (dynalite); AWS and DynamoDB Local support it. */
  readonly ttl: 'enabled' | 'already-enabled' | 'unsupported';
  /**
   * The stream of new item images the stream projector reads: `created` with a new table, `enabled`
   * on an existing table that had none, `exists` when one was on, `unsupported` on local engines
   * without streams (dynalite). `other-view-type` is a stream without new images, left as it is.
   */
  readonly stream:
    'created' | 'enabled' | 'exists' | 'unsupported' | 'other-view-type';
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function describe(client: DynamoDBClient, tableName: string) {
  const { Table } = await client.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  return Table as TableDescription;
}

async function waitUntilActive(
  client: DynamoDBClient,
  tableName: string,
  deadline: number,
): Promise<TableDescription> {
  for (;;) {
    const table = await describe(client, tableName);
    const indexesActive = (table.GlobalSecondaryIndexes ?? []).every(
      index =>
        index.IndexStatus === undefined || index.IndexStatus === 'ACTIVE',
    );
    if (table.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) {
      throw new Error(
        `Table ${tableName} is still ${table.TableStatus} after waiting; try again later`,
      );
    }
    await sleep(250);
  }
}

/**
 * Creates the orders table with its indexes and stream and turns on TTL, or brings an existing
 * table up to date (adding a missing index, one at a time as DynamoDB requires, and waiting until it
 * is active). Safe to run any number of times, against AWS or any local DynamoDB.
 *
 * @public
 */
export async function ensureOrdersTable(
  options: EnsureOrdersTableOptions,
): Promise<EnsureOrdersTableResult> {
  const { client } = options;
  const tableName = options.tableName ?? ordersTable.defaultName;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);

  let table: EnsureOrdersTableResult['table'] = 'created';
  try {
    await client.send(
      new CreateTableCommand(ordersTableCreateInput(tableName)),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    table = 'exists';
  }

  let description = await waitUntilActive(client, tableName, deadline);
  const outcomes = new Map<string, IndexOutcome>();
  for (const index of ordersTableIndexes()) {
    const has = (description.GlobalSecondaryIndexes ?? []).some(
      found => found.IndexName === index.IndexName,
    );
    if (table === 'created' || has) {
      outcomes.set(index.IndexName, table === 'created' ? 'created' : 'exists');
      continue;
    }
    await addIndex(client, description, index);
    description = await waitUntilActive(client, tableName, deadline);
    if (
      !description.GlobalSecondaryIndexes?.some(
        found => found.IndexName === index.IndexName,
      )
    ) {
      throw new Error(
        `This DynamoDB engine accepted but did not add the ${index.IndexName} index to ` +
          `${tableName}; recreate the table or add the index with the AWS CLI`,
      );
    }
    outcomes.set(index.IndexName, 'added');
  }

  const stream = await enableStream(client, table, description);
  if (stream === 'enabled') await waitUntilActive(client, tableName, deadline);
  return {
    tableName,
    table,
    idIndex: outcomes.get(ordersTable.idIndex.name) ?? 'exists',
    latestIndex: outcomes.get(ordersTable.latestIndex.name) ?? 'exists',
    ttl: await enableTtl(client, tableName),
    stream,
  };
}

/** Views of a stream that carry the new item image the stream projector reads. */
const NEW_IMAGE_VIEWS = new Set(['NEW_IMAGE', 'NEW_AND_OLD_IMAGES']);

async function enableStream(
  client: DynamoDBClient,
  table: EnsureOrdersTableResult['table'],
  description: TableDescription,
): Promise<EnsureOrdersTableResult['stream']> {
  const current = description.StreamSpecification;
  if (current?.StreamEnabled) {
    if (!NEW_IMAGE_VIEWS.has(current.StreamViewType ?? '')) {
      return 'other-view-type';
    }
    return table === 'created' ? 'created' : 'exists';
  }
  // A new table asked for its stream: an engine that reports none ignored the request.
  if (table === 'created') return 'unsupported';
  try {
    await client.send(
      new UpdateTableCommand({
        TableName: description.TableName,
        StreamSpecification: ordersTableCreateInput().StreamSpecification,
      }),
    );
    return 'enabled';
  } catch (error) {
    const { name, message } = error as Error;
    // dynalite takes no stream settings in UpdateTable, and says so by listing what it takes.
    if (name === 'ValidationException' && /UpdateStreamEnabled/.test(message)) {
      return 'unsupported';
    }
    throw error;
  }
}

async function addIndex(
  client: DynamoDBClient,
  description: TableDescription,
  index: ReturnType<typeof ordersTableIndexes>[number],
) {
  const tableName = description.TableName;
  const keys = new Set<string>(index.KeySchema.map(key => key.AttributeName));
  const AttributeDefinitions =
    ordersTableCreateInput().AttributeDefinitions.filter(definition =>
      keys.has(definition.AttributeName),
    );
  // Provisioned tables need the index's throughput; on-demand ones reject it. Some local engines
  // report no billing mode and always want it, so a refusal naming it is answered once with it.
  const throughput = {
    ReadCapacityUnits:
      description.ProvisionedThroughput?.ReadCapacityUnits || 1,
    WriteCapacityUnits:
      description.ProvisionedThroughput?.WriteCapacityUnits || 1,
  };
  const provisioned =
    description.BillingModeSummary?.BillingMode === 'PROVISIONED';
  const update = (withThroughput: boolean) =>
    client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          {
            Create: withThroughput
              ? { ...index, ProvisionedThroughput: throughput }
              : index,
          },
        ],
      }),
    );
  try {
    await update(provisioned);
  } catch (error) {
    const { name, message } = error as Error;
    if (
      provisioned ||
      name !== 'ValidationException' ||
      !/provisionedThroughput/i.test(message)
    ) {
      throw error;
    }
    await update(true);
  }
}

async function enableTtl(
  client: DynamoDBClient,
  tableName: string,
): Promise<EnsureOrdersTableResult['ttl']> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: {
          Enabled: true,
          AttributeName: ordersTable.ttlAttribute,
        },
      }),
    );
    return 'enabled';
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'ValidationException' && /already enabled/i.test(message)) {
      return 'already-enabled';
    }
    if (name === 'UnknownOperationException') return 'unsupported';
    throw error;
  }
}
