import type { Config } from '@backstage/config';
import { ordersTable } from '@workflow-orders/table';

/** How to reach the orders table, from `workflowOrders.dynamodb`, defaults applied. */
export interface DynamoDbSettings {
  readonly tableName: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
  };
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  readonly maxAttempts: number;
}

/**
 * Whether every workflow's last order is in its latest-order item (`complete`: every writer goes
 * through the recorder, or the stream projector runs) or only those the recorder wrote (`partial`).
 */
export type LatestOrderItems = 'partial' | 'complete';

const LATEST_ORDER_ITEMS: readonly LatestOrderItems[] = ['partial', 'complete'];

/** How the workflows list finds last orders, from `workflowOrders.summaries`, defaults applied. */
export interface SummariesSettings {
  readonly latestOrderItems: LatestOrderItems;
  /** How long a workflow found without orders is taken to have none, in milliseconds. */
  readonly noOrderCacheMs: number;
}

/** The plugin's settings under `workflowOrders` (see config.d.ts), defaults applied. */
export interface OrdersConfig {
  readonly dynamodb: DynamoDbSettings;
  readonly summaries: SummariesSettings;
  /** Key that signs history cursors, when set. */
  readonly cursorSecret?: string;
}

/**
 * Reads `workflowOrders` from the root config; the one place that does. Throws an error naming the
 * setting when a value is out of range.
 */
export function readOrdersConfig(rootConfig: Config): OrdersConfig {
  const config = rootConfig.getOptionalConfig('workflowOrders');
  const dynamodb = config?.getOptionalConfig('dynamodb');
  const credentials = dynamodb?.getOptionalConfig('credentials');

  const noOrderCacheSeconds =
    config?.getOptionalNumber('summaries.noOrderCacheSeconds') ?? 300;
  if (!Number.isFinite(noOrderCacheSeconds) || noOrderCacheSeconds < 0) {
    throw new Error(
      `workflowOrders.summaries.noOrderCacheSeconds must be 0 or more, got ${noOrderCacheSeconds}`,
    );
  }

  const latestOrderItems =
    config?.getOptional('summaries.latestOrderItems') ?? 'partial';
  if (!LATEST_ORDER_ITEMS.includes(latestOrderItems as LatestOrderItems)) {
    throw new Error(
      `workflowOrders.summaries.latestOrderItems must be 'partial' or 'complete', got ${JSON.stringify(latestOrderItems)}`,
    );
  }

  return {
    dynamodb: {
      tableName:
        dynamodb?.getOptionalString('tableName') ?? ordersTable.defaultName,
      region: dynamodb?.getOptionalString('region'),
      endpoint: dynamodb?.getOptionalString('endpoint'),
      credentials: credentials && {
        accessKeyId: credentials.getString('accessKeyId'),
        secretAccessKey: credentials.getString('secretAccessKey'),
      },
      requestTimeoutMs: dynamodb?.getOptionalNumber('requestTimeoutMs') ?? 3000,
      connectionTimeoutMs:
        dynamodb?.getOptionalNumber('connectionTimeoutMs') ?? 1000,
      maxAttempts: dynamodb?.getOptionalNumber('maxAttempts') ?? 2,
    },
    summaries: {
      latestOrderItems: latestOrderItems as LatestOrderItems,
      noOrderCacheMs: noOrderCacheSeconds * 1000,
    },
    cursorSecret: config?.getOptionalString('cursorSecret') || undefined,
  };
}
