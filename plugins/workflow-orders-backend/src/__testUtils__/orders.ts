import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { expiryOf, latestOrderUpdateOf } from '@workflow-orders/table';
import { anOrder, type TestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { DynamoDbOrderStore } from '../database/DynamoDbOrderStore';

/** The key attributes every order item has. */
export type OrderItemKey = { workflow_id: string; placed_at: number };

/** A stored order item as the recorder writes it; fields can be replaced or removed with undefined. */
export function orderItem(
  fields: OrderItemKey & Record<string, unknown>,
): OrderItemKey & Record<string, unknown> {
  return {
    id: randomUUID(),
    ...anOrder({
      asset_type: 'CfdOnIndex',
      trigger_close: 7845.5,
      execution_context: 'lambda-event-123abc',
    }),
    ttl: expiryOf(fields.placed_at),
    ...fields,
  };
}

/** Writes items straight into the table, as another writer would. */
export class OrderTable {
  readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  async put(item: Record<string, unknown>): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: item }),
    );
  }

  /**
   * Writes orders as the engine's recorder leaves them: each order, and its workflow's latest-order
   * item, through the same conditional update the recorder makes.
   */
  async record(
    items: Array<
      { workflow_id: string; placed_at: number } & Record<string, unknown>
    >,
  ): Promise<void> {
    await this.putAll(items);
    for (const item of items) {
      await this.documents
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            ...latestOrderUpdateOf(item),
          }),
        )
        .catch(error => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    }
  }

  /**
   * Writes orders in batches, then only the latest-order item of each workflow from its newest
   * order, through the recorder's conditional update: the table as the recorder leaves it, quickly.
   */
  async recordQuickly(items: OrderItemKey[]): Promise<void> {
    await this.putAll(items);
    const newest = new Map<string, OrderItemKey>();
    for (const item of items) {
      const known = newest.get(item.workflow_id);
      if (!known || known.placed_at < item.placed_at) {
        newest.set(item.workflow_id, item);
      }
    }
    const latest = [...newest.values()];
    for (let start = 0; start < latest.length; start += 16) {
      await Promise.all(
        latest.slice(start, start + 16).map(item =>
          this.documents.send(
            new UpdateCommand({
              TableName: this.tableName,
              ...latestOrderUpdateOf(item),
            }),
          ),
        ),
      );
    }
  }

  async putAll(items: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let requests: any[] | undefined = items
        .slice(start, start + 25)
        .map(Item => ({ PutRequest: { Item } }));
      while (requests && requests.length > 0) {
        const result: BatchWriteCommandOutput = await this.documents.send(
          new BatchWriteCommand({
            RequestItems: { [this.tableName]: requests },
          }),
        );
        requests = result.UnprocessedItems?.[this.tableName];
      }
    }
  }
}

/** Root config of the plugin for a DynamoDB at `endpoint`, with short timeouts for outage tests. */
export function storeConfig(
  endpoint: string,
  tableName: string,
  extra: object = {},
) {
  return new ConfigReader({
    workflowOrders: {
      dynamodb: {
        endpoint,
        tableName,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        requestTimeoutMs: 500,
        connectionTimeoutMs: 300,
        maxAttempts: 2,
      },
      cursorSecret: 'a secret only these tests know',
      ...extra,
    },
  });
}

/** Epoch seconds of `ms` epoch milliseconds. */
export const seconds = (ms: number) => ms / 1000;

/**
 * A store over the test table `dynamo` (through `endpoint` when given, such as its fault proxy),
 * destroyed by the table's clean-up, and the table to write into as another writer would. `now`
 * is the store's clock, `extra` the plugin's further settings ({@link storeConfig}).
 */
export async function storeOn(
  dynamo: Pick<TestTable, 'client' | 'endpoint' | 'tableName' | 'onCleanup'>,
  options: {
    endpoint?: string;
    now?: () => number;
    extra?: object;
    logger?: LoggerService;
  } = {},
): Promise<{ store: DynamoDbOrderStore; table: OrderTable }> {
  const store = await DynamoDbOrderStore.create({
    config: storeConfig(
      options.endpoint ?? dynamo.endpoint,
      dynamo.tableName,
      options.extra,
    ),
    logger: options.logger ?? mockServices.logger.mock(),
    now: options.now,
  });
  dynamo.onCleanup(() => store.destroy());
  return { store, table: new OrderTable(dynamo.client, dynamo.tableName) };
}
