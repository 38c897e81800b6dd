import {
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ordersTable } from '@workflow-orders/table';

/** Where the projector reports the records it skips and the ones that failed. @public */
export type LatestOrderProjectorLogger = Pick<Console, 'warn' | 'error'>;

/** Options every projector takes, whichever way it gets its client. @public */
export interface LatestOrderProjectorOptionsBase {
  /**
   * The orders table, whose stream the function consumes and whose latest-order items it writes.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_TABLE ?? 'workflow_orders'
   */
  readonly tableName?: string;
  /**
   * Receives a warning per malformed order item skipped and an error per record that failed.
   *
   * @defaultValue console
   */
  readonly logger?: LatestOrderProjectorLogger;
  /**
   * Latest-order updates of different workflows in flight at once, per batch. A batch sends one
   * conditional update per workflow, of its newest order; they go in parallel up to this bound.
   *
   * @defaultValue 100
   */
  readonly concurrency?: number;
}

/** Options with a client the caller built and owns. @public */
export interface LatestOrderProjectorOptionsWithClient extends LatestOrderProjectorOptionsBase {
  /** A document client to send the latest-order updates with; its own retries apply. */
  readonly client?: DynamoDBDocumentClient;
  /** Not with `client`: the projector builds no client of its own then. */
  readonly clientConfig?: never;
}

/** Options with the settings of a client the projector builds. @public */
export interface LatestOrderProjectorOptionsWithClientConfig extends LatestOrderProjectorOptionsBase {
  /** Not with `clientConfig`: give one or the other. */
  readonly client?: never;
  /**
   * Settings of the client the projector builds, e.g. `region`, `endpoint` or `maxAttempts`. By
   * default a request is tried 3 times, with 1 s to connect and 3 s to answer each time.
   */
  readonly clientConfig?: DynamoDBClientConfig;
}

/** Options of {@link createLatestOrderProjector}. @public */
export type LatestOrderProjectorOptions =
  | LatestOrderProjectorOptionsWithClient
  | LatestOrderProjectorOptionsWithClientConfig;

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly concurrency: number;
  readonly tableName: string;
  readonly logger: LatestOrderProjectorLogger;
  readonly client: DynamoDBDocumentClient;
}

/** A request that hangs would hold the whole batch until the function times out. */
const CONNECTION_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 3_000;

function createDocumentClient(
  config: DynamoDBClientConfig | undefined,
  concurrency: number,
) {
  // One socket per update in flight: the SDK's default of 50 would queue the rest of a batch.
  const agent = { keepAlive: true, maxSockets: concurrency };
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts: 3,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        httpAgent: agent,
        httpsAgent: agent,
      }),
      ...config,
    }),
    {
      marshallOptions: { removeUndefinedValues: true },
      // Other writers may store numbers past double precision; read them rather than stop.
      unmarshallOptions: { wrapNumbers: value => Number(value) },
    },
  );
}

/**
 * Applies the defaults once and checks the options, throwing a `TypeError` that names the wrong
 * one, so a misconfigured function fails when its container starts.
 */
export function resolveOptions(
  options: LatestOrderProjectorOptions,
): ResolvedOptions {
  const tableName =
    options.tableName ??
    process.env.WORKFLOW_ORDERS_TABLE ??
    ordersTable.defaultName;
  if (typeof tableName !== 'string' || tableName.trim() === '') {
    throw new TypeError(
      `Expected \`tableName\` to be a non-empty string, got ${String(tableName)}`,
    );
  }
  const concurrency = options.concurrency ?? 100;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(
      `Expected \`concurrency\` to be a whole number of 1 or more, got ${String(concurrency)}`,
    );
  }
  if (options.client && options.clientConfig) {
    throw new TypeError('Give `client` or `clientConfig`, not both');
  }
  return {
    concurrency,
    tableName,
    logger: options.logger ?? console,
    client:
      options.client ?? createDocumentClient(options.clientConfig, concurrency),
  };
}
