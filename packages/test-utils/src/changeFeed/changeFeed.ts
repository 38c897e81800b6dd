import http from 'node:http';
import { ordersTable } from '@workflow-orders/table';
import { CAPTURED_OPERATIONS, captureWrite, ImageCache } from './captureWrites';
import { KeyLocks } from './keyLocks';
import {
  StreamRecordFactory,
  type ChangeRecord,
  type ItemChange,
  keyText,
  type KeySchema,
  type StreamViewType,
} from './streamRecords';
import { listenOnLoopback } from '../loopbackHttp';
import { answer, unreachable, Upstream } from './upstream';

/** Options of {@link startChangeFeed}. @public */
export interface ChangeFeedOptions {
  /** The endpoint of the DynamoDB engine behind the feed, e.g. the embedded dynalite's. */
  readonly target: string;
  /**
   * Port to listen on (loopback only); 0 picks a free one. Clients use the feed as their endpoint.
   *
   * @defaultValue 0
   */
  readonly port?: number;
  /**
   * The table whose writes become records; other tables' requests pass through.
   *
   * @defaultValue 'workflow_orders'
   */
  readonly tableName?: string;
  /**
   * The table's key attributes.
   *
   * @defaultValue the orders table's: workflow_id and placed_at
   */
  readonly keySchema?: KeySchema;
  /**
   * What each record carries, as the table's `StreamSpecification` says.
   *
   * @defaultValue the orders table's: 'NEW_IMAGE'
   */
  readonly streamViewType?: StreamViewType;
  /** @defaultValue 'us-east-1' */
  readonly region?: string;
  /**
   * Receives what the feed could not turn into records: a write it does not capture
   * (`TransactWriteItems`, PartiQL) that the engine took, or an update whose new image it could not
   * read. @defaultValue console.warn
   */
  readonly onError?: (error: Error) => void;
}

/** Counts of what a change feed did. @public */
export interface ChangeFeedStats {
  /** Requests of every kind. */
  readonly requests: number;
  /** Captured writes the engine accepted. */
  readonly writes: number;
  /** Records emitted. */
  readonly records: number;
  /** Writes the engine accepted that the feed cannot capture. */
  readonly uncaptured: number;
}

/** A running change feed: the table's endpoint, emitting a record per change. @public */
export interface ChangeFeed {
  /** The endpoint every client of the table uses instead of the engine's. */
  readonly endpoint: string;
  readonly port: number;
  /** The stream's ARN, as the records' `eventSourceARN`. */
  readonly streamArn: string;
  /**
   * Adds a listener of the records of each write, called synchronously in write order (per key,
   * exactly); returns the function that removes it.
   */
  subscribe(listener: (records: ChangeRecord[]) => void): () => void;
  /**
   * Emits the records of changes made behind the feed's back, e.g. a Time to Live removal
   * (`byTtl`), which the engine makes itself.
   */
  emit(changes: ItemChange[]): void;
  stats(): ChangeFeedStats;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const UNCAPTURED_WRITES = new Set([
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);

/**
 * Starts a change feed: an HTTP endpoint in front of a local DynamoDB engine that forwards every
 * request and, for each successful PutItem, UpdateItem, DeleteItem and BatchWriteItem on the table,
 * emits records shaped as DynamoDB Streams records in a Lambda event, so whatever client writes
 * (the SDK, boto3, the AWS CLI) the table behaves as if it had a stream. Every writer must use the
 * feed's endpoint: a write straight to the engine has no record, and the feed's memory of recent
 * item images, which spares an update a read, would be stale. dynalite implements no
 * streams and no `TransactWriteItems`; a transaction that an engine takes is reported, not captured.
 *
 * @public
 */
export async function startChangeFeed(
  options: ChangeFeedOptions,
): Promise<ChangeFeed> {
  const upstream = new Upstream(new URL(options.target));
  const tableName = options.tableName ?? ordersTable.defaultName;
  const region = options.region ?? 'us-east-1';
  const schema = options.keySchema ?? {
    partitionKey: ordersTable.partitionKey,
    sortKey: ordersTable.sortKey,
  };
  const onError = options.onError ?? (error => console.warn(error.message));
  const streamArn = `arn:aws:dynamodb:${region}:000000000000:table/${tableName}/stream/${new Date().toISOString().slice(0, 23)}`;
  const records = new StreamRecordFactory({
    region,
    streamArn,
    viewType: options.streamViewType ?? ordersTable.stream.viewType,
  });
  const listeners = new Set<(records: ChangeRecord[]) => void>();
  const stats = { requests: 0, writes: 0, records: 0, uncaptured: 0 };
  const emit = (changes: ItemChange[]) => {
    stats.writes += 1;
    const batch = changes
      .map(change => records.recordOf(change))
      .filter((record): record is ChangeRecord => record !== undefined);
    if (batch.length === 0) return;
    stats.records += batch.length;
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (error) {
        onError(error as Error);
      }
    }
  };
  const images = new ImageCache();
  const context = {
    upstream,
    tableName,
    schema,
    locks: new KeyLocks(),
    images,
    emit,
    onError,
  };

  const handle = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
  ) => {
    stats.requests += 1;
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.lastIndexOf('.') + 1);
    let input: Record<string, any> | undefined;
    if (CAPTURED_OPERATIONS.has(operation) && request.method === 'POST') {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        // Not JSON: the engine says what is wrong with it.
      }
    }
    const captured =
      input !== undefined &&
      (operation === 'BatchWriteItem'
        ? input.RequestItems?.[tableName] !== undefined
        : input.TableName === tableName);
    if (captured) {
      await captureWrite(context, operation, input!, request, response);
      return;
    }
    const passed = await upstream.pass(request, body);
    answer(response, passed);
    if (UNCAPTURED_WRITES.has(operation) && passed.status === 200) {
      stats.uncaptured += 1;
      onError(
        new Error(
          `The change feed does not capture ${operation}: its changes to ${tableName} have no records`,
        ),
      );
    }
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      handle(request, response, Buffer.concat(chunks)).catch(() => {
        if (!response.headersSent) unreachable(response);
        else response.end();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  const loopback = await listenOnLoopback(server, options.port);

  return {
    endpoint: loopback.endpoint,
    port: loopback.port,
    streamArn,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(changes) {
      for (const change of changes) {
        images.remember(keyText(schema, change.key), change.newImage);
      }
      emit(changes);
    },
    stats: () => ({ ...stats }),
    close: async () => {
      upstream.close();
      await loopback.close();
    },
  };
}
