import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ordersTable } from '@workflow-orders/table';
import type { OrderRecorderError } from './errors';
import { defaultStateDirectory } from './keep/stateDirectory';
import { refuseUnknownOptions } from './unknownOptions';

/** Where the recorder reports what it could not store. @public */
export type OrderRecorderLogger = Pick<Console, 'warn' | 'error'>;

/** Options every recorder takes, whichever way it gets its client. @public */
export interface OrderRecorderOptionsBase {
  /**
   * Table the orders go to.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_TABLE ?? 'workflow_orders'
   */
  readonly tableName?: string;
  /**
   * Receives a warning per invalid order and an error per dropped or failed one.
   *
   * @defaultValue console
   */
  readonly logger?: OrderRecorderLogger;
  /** Called with the reason of every order that is not stored. */
  readonly onError?: (error: OrderRecorderError) => void;
  /**
   * Most orders waiting to be written; more are dropped with an error log.
   *
   * @defaultValue 1000
   */
  readonly maxQueue?: number;
  /**
   * Orders written at the same time.
   *
   * @defaultValue 8
   */
  readonly concurrency?: number;
  /**
   * Longest one request to DynamoDB may take before it is abandoned and retried.
   *
   * @defaultValue 2000
   */
  readonly attemptTimeoutMs?: number;
  /**
   * Longest the recorder keeps retrying one order before it counts it as failed.
   *
   * @defaultValue 15000
   */
  readonly orderDeadlineMs?: number;
  /**
   * Most tries of one request, the first included.
   *
   * @defaultValue 10
   */
  readonly maxAttempts?: number;
  /**
   * Ceiling of the first backoff; each retry doubles it (full jitter) up to `retryMaxDelayMs`.
   *
   * @defaultValue 25
   */
  readonly retryBaseDelayMs?: number;
  /**
   * Ceiling of any backoff.
   *
   * @defaultValue 1000
   */
  readonly retryMaxDelayMs?: number;
  /**
   * Deadline of `flush()` when the call gives none.
   *
   * @defaultValue 5000
   */
  readonly flushTimeoutMs?: number;
  /** Overrides the automatic `execution_context` of every order that does not carry its own. */
  readonly executionContext?: string;
  /**
   * Where orders that could not be stored are kept, to be stored by the next recorder created with
   * the same directory: those dropped because the queue was full, those that ran out of tries, and
   * those still pending when the process exits (a spill file per process, one JSON line per
   * order). `false` keeps them in the log instead, one `WORKFLOW_ORDERS_UNSTORED` line per order,
   * pending ones at each flush deadline, which `table:replay` reads back.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_STATE_DIR, else `false` in AWS Lambda, else
   * `$XDG_STATE_HOME/workflow-orders` (`~/.local/state/workflow-orders`)
   */
  readonly stateDirectory?: string | false;
  /**
   * Most bytes one process's spill file may hold; past it, orders are kept in the log instead.
   *
   * @defaultValue 67108864 (64 MiB)
   */
  readonly maxSpillBytes?: number;
  /**
   * Turns `record()` into a no-op.
   *
   * @defaultValue process.env.WORKFLOW_ORDERS_RECORDER_DISABLED === '1'
   */
  readonly disabled?: boolean;
}

/** Options with a client the caller built and owns. @public */
export interface OrderRecorderOptionsWithClient extends OrderRecorderOptionsBase {
  /** A document client to send every request with; the recorder retries on top of its own retries. */
  readonly client?: DynamoDBDocumentClient;
  /** Not with `client`: the recorder builds no client of its own then. */
  readonly clientConfig?: never;
}

/** Options with the settings of a client the recorder builds. @public */
export interface OrderRecorderOptionsWithClientConfig extends OrderRecorderOptionsBase {
  /** Not with `clientConfig`: give one or the other. */
  readonly client?: never;
  /** Settings of the client the recorder builds, e.g. `region` or `endpoint`. */
  readonly clientConfig?: DynamoDBClientConfig;
}

/** Options of `createOrderRecorder`. @public */
export type OrderRecorderOptions =
  OrderRecorderOptionsWithClient | OrderRecorderOptionsWithClientConfig;

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly tableName: string;
  readonly logger: OrderRecorderLogger;
  readonly onError?: (error: OrderRecorderError) => void;
  readonly maxQueue: number;
  readonly concurrency: number;
  readonly attemptTimeoutMs: number;
  readonly orderDeadlineMs: number;
  readonly maxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly flushTimeoutMs: number;
  readonly executionContext?: string;
  readonly stateDirectory: string | false;
  readonly maxSpillBytes: number;
  readonly disabled: boolean;
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
) {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || resolved < 1) {
    throw new TypeError(
      `Expected \`${name}\` to be a positive integer, got ${String(value)}`,
    );
  }
  return resolved;
}

function nonEmptyString(name: string, value: unknown) {
  if (
    value !== undefined &&
    (typeof value !== 'string' || value.trim() === '')
  ) {
    throw new TypeError(
      `Expected \`${name}\` to be a non-empty string, got ${String(value)}`,
    );
  }
}

/**
 * Applies the defaults once and checks every option, throwing a `TypeError` that names the first
 * wrong one, or every unknown one: a misconfigured recorder fails when the engine starts, never
 * later.
 */
export function resolveOptions(
  options: OrderRecorderOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Expected `options` to be an object');
  }
  refuseUnknownOptions(options);
  if (options.client && options.clientConfig) {
    throw new TypeError('Expected either `client` or `clientConfig`, not both');
  }
  if (
    options.client !== undefined &&
    typeof options.client?.send !== 'function'
  ) {
    throw new TypeError('Expected `client` to be a DynamoDBDocumentClient');
  }
  const logger = options.logger ?? console;
  if (typeof logger.warn !== 'function' || typeof logger.error !== 'function') {
    throw new TypeError('Expected `logger` to have `warn` and `error` methods');
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError('Expected `onError` to be a function');
  }
  nonEmptyString('tableName', options.tableName);
  nonEmptyString('executionContext', options.executionContext);
  if (options.stateDirectory !== false) {
    nonEmptyString('stateDirectory', options.stateDirectory);
  }

  const retryBaseDelayMs = positiveInteger(
    'retryBaseDelayMs',
    options.retryBaseDelayMs,
    25,
  );
  const retryMaxDelayMs = positiveInteger(
    'retryMaxDelayMs',
    options.retryMaxDelayMs,
    1000,
  );
  if (retryMaxDelayMs < retryBaseDelayMs) {
    throw new TypeError(
      'Expected `retryMaxDelayMs` to be at least `retryBaseDelayMs`',
    );
  }
  return {
    tableName:
      options.tableName ??
      (env.WORKFLOW_ORDERS_TABLE || ordersTable.defaultName),
    logger,
    onError: options.onError,
    maxQueue: positiveInteger('maxQueue', options.maxQueue, 1000),
    concurrency: positiveInteger('concurrency', options.concurrency, 8),
    attemptTimeoutMs: positiveInteger(
      'attemptTimeoutMs',
      options.attemptTimeoutMs,
      2000,
    ),
    orderDeadlineMs: positiveInteger(
      'orderDeadlineMs',
      options.orderDeadlineMs,
      15000,
    ),
    maxAttempts: positiveInteger('maxAttempts', options.maxAttempts, 10),
    retryBaseDelayMs,
    retryMaxDelayMs,
    flushTimeoutMs: positiveInteger(
      'flushTimeoutMs',
      options.flushTimeoutMs,
      5000,
    ),
    executionContext: options.executionContext,
    stateDirectory: options.stateDirectory ?? defaultStateDirectory(env),
    maxSpillBytes: positiveInteger(
      'maxSpillBytes',
      options.maxSpillBytes,
      64 * 1024 * 1024,
    ),
    disabled: options.disabled ?? env.WORKFLOW_ORDERS_RECORDER_DISABLED === '1',
  };
}
