import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { latestOrderKeyOf, ordersTable } from '@workflow-orders/table';
import {
  startEmbeddedDynamoDb,
  startFaultProxy,
  type EmbeddedDynamoDb,
  type FaultProxy,
  type FaultProxyOptions,
} from '@workflow-orders/test-utils';

/** An embedded DynamoDB, a fault proxy in front of it, and a direct client to look at what is stored. */
export interface Testbed {
  readonly db: EmbeddedDynamoDb;
  readonly proxy: FaultProxy;
  /** Client settings that go through the proxy. */
  readonly clientConfig: DynamoDBClientConfig;
  /** Every stored order of a workflow, oldest first, read past the proxy. */
  ordersOf(workflowId: string): Promise<Record<string, unknown>[]>;
  /** The workflow's latest-order item, if any, read past the proxy. */
  latestOf(workflowId: string): Promise<Record<string, unknown> | undefined>;
  /** Every item in the table, guards included. */
  scanAll(): Promise<Record<string, unknown>[]>;
  /** Starts another proxy in front of the same DynamoDB, e.g. with scripted faults. */
  startProxy(options?: Omit<FaultProxyOptions, 'target'>): Promise<FaultProxy>;
  stop(): Promise<void>;
}

/** Starts a {@link Testbed}; each test file gets its own, on free ports. */
export async function startTestbed(): Promise<Testbed> {
  const db = await startEmbeddedDynamoDb();
  const proxies: FaultProxy[] = [];
  const startProxy = async (
    options: Omit<FaultProxyOptions, 'target'> = {},
  ) => {
    const started = await startFaultProxy({ ...options, target: db.endpoint });
    proxies.push(started);
    return started;
  };
  const proxy = await startProxy();
  const direct = DynamoDBDocumentClient.from(db.createClient());

  const ordersOf = async (workflowId: string) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await direct.send(
        new QueryCommand({
          TableName: db.tableName,
          // Orders only: the latest-order item sits at sort key 0.
          KeyConditionExpression: 'workflow_id = :w AND placed_at > :latest',
          ExpressionAttributeValues: {
            ':w': workflowId,
            ':latest': ordersTable.latest.sortKey,
          },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };
  const latestOf = async (workflowId: string) =>
    (
      await direct.send(
        new GetCommand({
          TableName: db.tableName,
          Key: latestOrderKeyOf(workflowId),
          ConsistentRead: true,
        }),
      )
    ).Item;
  const scanAll = async () => {
    const page = await direct.send(
      new ScanCommand({ TableName: db.tableName }),
    );
    return page.Items ?? [];
  };

  return {
    db,
    proxy,
    clientConfig: { ...db.clientConfig, endpoint: proxy.endpoint },
    ordersOf,
    latestOf,
    scanAll,
    startProxy,
    stop: async () => {
      direct.destroy();
      await Promise.all(proxies.map(p => p.close()));
      await db.stop();
    },
  };
}

/** A logger whose lines the test can read. */
export function testLogger() {
  return { warn: jest.fn(), error: jest.fn() };
}

/** Whole epoch seconds of now. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
