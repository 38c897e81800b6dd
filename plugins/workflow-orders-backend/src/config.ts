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

/** How a history page counts, from `workflowOrders.history`, defaults applied. */
export interface HistorySettings {
  /** Items one count reads at most; past them the count is a lower bound. */
  readonly countReadLimit: number;
  /** How long a workflow's counted window is updated from what changed before it is counted again; 0 counts every time. */
  readonly countCacheMs: number;
}

/** How access decisions are kept, from `workflowOrders.access`, defaults applied. */
export interface AccessSettings {
  /** How long a caller's decisions are reused, in milliseconds; 0 decides on every request. */
  readonly cacheMs: number;
  /** Callers whose decisions are kept at most. */
  readonly cacheSize: number;
}

/** How the Workflow orders page reads, from `workflowOrders.latestOrders`, defaults applied. */
export interface LatestOrdersSettings {
  /**
   * A caller who may see at most this many workflows has their latest-order items read directly
   * (BatchGetItem) instead of the index being paged past everyone else's.
   */
  readonly directReadLimit: number;
}

/** How CSV exports read, from `workflowOrders.export`, defaults applied. */
export interface ExportSettings {
  /** Rows one export writes at most; past them it stops and says it was truncated. */
  readonly maxRows: number;
}

/** How the live watcher looks for new orders, from `workflowOrders.live`, defaults applied. */
export interface LiveSettings {
  /** Whether the watcher runs and `GET /live/changes` is served. */
  readonly enabled: boolean;
  /** How often the watcher reads the latest-orders index while someone watches, in milliseconds. */
  readonly intervalMs: number;
  /** Changes kept for `GET /live/changes` at most; the oldest go first. */
  readonly bufferSize: number;
}

/** The plugin's settings under `workflowOrders` (see config.d.ts), defaults applied. */
export interface OrdersConfig {
  readonly dynamodb: DynamoDbSettings;
  readonly summaries: SummariesSettings;
  readonly history: HistorySettings;
  readonly access: AccessSettings;
  readonly latestOrders: LatestOrdersSettings;
  readonly export: ExportSettings;
  readonly live: LiveSettings;
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

  /** A number setting that must be a whole number of at least `min`. */
  const wholeNumber = (key: string, fallback: number, min: number) => {
    const value = config?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < min) {
      throw new Error(
        `workflowOrders.${key} must be a whole number of ${min} or more, got ${value}`,
      );
    }
    return value;
  };
  const cacheSeconds = config?.getOptionalNumber('access.cacheSeconds') ?? 10;
  if (!Number.isFinite(cacheSeconds) || cacheSeconds < 0) {
    throw new Error(
      `workflowOrders.access.cacheSeconds must be 0 or more, got ${cacheSeconds}`,
    );
  }

  const intervalSeconds =
    config?.getOptionalNumber('live.intervalSeconds') ?? 2;
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < 0.1) {
    throw new Error(
      `workflowOrders.live.intervalSeconds must be 0.1 or more, got ${intervalSeconds}`,
    );
  }

  return {
    history: {
      countReadLimit: wholeNumber('history.countReadLimit', 1000, 1),
      countCacheMs: wholeNumber('history.countCacheSeconds', 300, 0) * 1000,
    },
    access: {
      cacheMs: cacheSeconds * 1000,
      cacheSize: wholeNumber('access.cacheSize', 1000, 1),
    },
    latestOrders: {
      directReadLimit: wholeNumber('latestOrders.directReadLimit', 100, 0),
    },
    export: {
      maxRows: wholeNumber('export.maxRows', 100_000, 1),
    },
    live: {
      enabled: config?.getOptionalBoolean('live.enabled') ?? true,
      intervalMs: intervalSeconds * 1000,
      bufferSize: wholeNumber('live.bufferSize', 10_000, 1),
    },
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
