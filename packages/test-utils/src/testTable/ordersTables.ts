import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  ensureOrdersTable,
  ordersTable,
  ordersTableCreateInput,
} from '@workflow-orders/table';

/** Waits until `check` holds, asking every 20 ms, for 30 s at most. */
async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** The CreateTable request of the orders table as the definition was before the latest-orders index. */
function beforeLatestIndex(tableName: string) {
  const input = ordersTableCreateInput(tableName);
  const { latestIndex } = ordersTable;
  const latestOnly = new Set<string>([
    latestIndex.partitionKey,
    latestIndex.sortKey,
  ]);
  return {
    ...input,
    AttributeDefinitions: input.AttributeDefinitions.filter(
      definition => !latestOnly.has(definition.AttributeName),
    ),
    GlobalSecondaryIndexes: input.GlobalSecondaryIndexes.filter(
      index => index.IndexName !== latestIndex.name,
    ),
  };
}

/**
 * Makes an orders table with the table package's own `ensureOrdersTable`, or, without the
 * latest-orders index, as the definition did before that index.
 */
export async function makeOrdersTable(
  client: DynamoDBClient,
  tableName: string,
  latestOrdersIndex = true,
): Promise<void> {
  if (latestOrdersIndex) {
    await ensureOrdersTable({ client, tableName });
    return;
  }
  await client.send(new CreateTableCommand(beforeLatestIndex(tableName)));
  await until(
    () =>
      client
        .send(new DescribeTableCommand({ TableName: tableName }))
        .then(({ Table }) => Table?.TableStatus === 'ACTIVE'),
    `table ${tableName} to be active`,
  );
}

/** Deletes a table and waits until it is gone, so a table of the same name can be made. */
export async function deleteTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  await until(
    () =>
      client.send(new DescribeTableCommand({ TableName: tableName })).then(
        () => false,
        error => error.name === 'ResourceNotFoundException',
      ),
    `table ${tableName} to be deleted`,
  );
}

/** The items of every page of a Query or Scan, from the first page on. */
export async function everyPage<Item>(
  read: (
    startKey: Record<string, any> | undefined,
  ) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Record<string, any> }>,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, any> | undefined;
  do {
    const page = await read(startKey);
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
