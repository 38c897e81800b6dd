import type { ChangeRecord } from './streamRecords';

/** What a stream handler answers: the records that failed, as with `ReportBatchItemFailures`. @public */
export interface StreamBatchResponse {
  batchItemFailures: Array<{ itemIdentifier?: string | null }>;
}

/** A handler of stream batches, as a Lambda function of a DynamoDB stream is. @public */
export type StreamBatchHandler = (event: {
  Records: ChangeRecord[];
}) => Promise<StreamBatchResponse | void | undefined>;

/**
 * A batch given up after its retries, in the shape of the on-failure destination's invocation
 * record of a stream event source mapping, with the records themselves for a local reader.
 *
 * @public
 */
export interface OnFailureRecord {
  readonly requestContext: {
    readonly condition: 'RetryAttemptsExhausted';
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: { readonly functionError: string };
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
  readonly records: ChangeRecord[];
}

/** Options of {@link createEventSourceMapping}; defaults are those of a local portal. @public */
export interface EventSourceMappingOptions {
  /** The function the batches go to. */
  readonly handler: StreamBatchHandler;
  /** @defaultValue 100 (Lambda's default for streams) */
  readonly batchSize?: number;
  /**
   * How long a shard gathers records before it invokes the handler with fewer than `batchSize`.
   *
   * @defaultValue 0 (Lambda's default for streams)
   */
  readonly maximumBatchingWindowMs?: number;
  /**
   * Retries of a failed batch (from its first failed record on) before it goes to `onFailure`.
   *
   * @defaultValue 3
   */
  readonly maximumRetryAttempts?: number;
  /** Delay before the first retry; each next one waits twice as long. @defaultValue 200 */
  readonly retryDelayMs?: number;
  /**
   * Shards by partition key hash, each delivering its records in order, one batch at a time.
   * Unset, each partition key value has a shard of its own, so a workflow whose batches fail never
   * holds up another.
   */
  readonly parallelizationFactor?: number;
  /** The attribute of the keys that picks the shard. @defaultValue 'workflow_id' */
  readonly partitionKey?: string;
  /** The on-failure destination: receives each batch given up. */
  readonly onFailure?: (failure: OnFailureRecord) => void;
}

/** Counts of what a mapping did. @public */
export interface EventSourceMappingStats {
  readonly invocations: number;
  readonly delivered: number;
  readonly retries: number;
  readonly failedBatches: number;
  readonly failedRecords: number;
  readonly pending: number;
}

/** Delivers records to a handler as Lambda's event source mapping of a DynamoDB stream does. @public */
export interface EventSourceMapping {
  /** Takes records in stream order. */
  push(records: ChangeRecord[]): void;
  /** Resolves once every record pushed so far was delivered or given up. */
  idle(): Promise<void>;
  stats(): EventSourceMappingStats;
  /**
   * Stops: records not yet handed over are dropped (the table keeps them: a catch-up reads them),
   * and the batches being handled get up to `graceMs` to finish.
   */
  stop(graceMs?: number): Promise<void>;
}

interface Shard {
  readonly id: string;
  readonly queue: ChangeRecord[];
  running: Promise<void> | undefined;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms).unref());

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
  return Math.abs(hash);
}

/**
 * Creates an event source mapping: records go to shards by partition key; each shard hands its
 * records over in order, up to `batchSize` at a time, after `maximumBatchingWindowMs`; a batch that
 * throws is retried whole, one answered with `batchItemFailures` is retried from its first failed
 * record (the records before it count as done), an unknown or empty identifier fails the whole
 * batch; after `maximumRetryAttempts` the rest goes to `onFailure` and the shard moves on.
 *
 * @public
 */
export function createEventSourceMapping(
  options: EventSourceMappingOptions,
): EventSourceMapping {
  const batchSize = options.batchSize ?? 100;
  const windowMs = options.maximumBatchingWindowMs ?? 0;
  const maxRetries = options.maximumRetryAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const partitionKey = options.partitionKey ?? 'workflow_id';
  const shards = new Map<string, Shard>();
  const stats = {
    invocations: 0,
    delivered: 0,
    retries: 0,
    failedBatches: 0,
    failedRecords: 0,
  };
  let stopped = false;

  const shardIdOf = (record: ChangeRecord) => {
    const value = JSON.stringify(record.dynamodb.Keys[partitionKey] ?? null);
    return options.parallelizationFactor
      ? `shard-${hashOf(value) % options.parallelizationFactor}`
      : `key-${value}`;
  };

  /** Hands `batch` over until it is done or given up. */
  const deliver = async (shard: Shard, batch: ChangeRecord[]) => {
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        stats.invocations += 1;
        const response = await options.handler({ Records: pending });
        const failed = response?.batchItemFailures ?? [];
        if (failed.length === 0) {
          stats.delivered += pending.length;
          return;
        }
        const sequence = pending.map(r => r.dynamodb.SequenceNumber);
        const indexes = failed.map(({ itemIdentifier }) =>
          itemIdentifier ? sequence.indexOf(itemIdentifier) : -1,
        );
        // An identifier that is not of the batch fails the whole batch, as Lambda treats it.
        const first = indexes.includes(-1) ? 0 : Math.min(...indexes);
        stats.delivered += first;
        pending = pending.slice(first);
        failure = `batchItemFailures from ${pending[0].dynamodb.SequenceNumber}`;
      } catch (error) {
        failure = (error as Error)?.message ?? String(error);
      }
      if (attempt >= maxRetries || stopped) {
        stats.failedBatches += 1;
        stats.failedRecords += pending.length;
        options.onFailure?.({
          requestContext: {
            condition: 'RetryAttemptsExhausted',
            approximateInvokeCount: attempt + 1,
          },
          responseContext: { functionError: failure },
          timestamp: new Date().toISOString(),
          DDBStreamBatchInfo: {
            shardId: shard.id,
            startSequenceNumber: pending[0].dynamodb.SequenceNumber,
            endSequenceNumber: pending.at(-1)!.dynamodb.SequenceNumber,
            batchSize: pending.length,
            streamArn: pending[0].eventSourceARN.split('/stream/')[0],
          },
          records: pending,
        });
        return;
      }
      stats.retries += 1;
      await sleep(retryDelayMs * 2 ** attempt);
    }
  };

  const run = async (shard: Shard) => {
    // Records pushed in the same turn share a batch.
    await new Promise<void>(resolve => setImmediate(resolve));
    while (shard.queue.length > 0 && !stopped) {
      if (windowMs > 0 && shard.queue.length < batchSize) await sleep(windowMs);
      if (stopped) break;
      await deliver(shard, shard.queue.splice(0, batchSize));
    }
    shard.running = undefined;
    if (shard.queue.length === 0 || stopped) shards.delete(shard.id);
  };

  return {
    push(records) {
      if (stopped) return;
      for (const record of records) {
        const id = shardIdOf(record);
        let shard = shards.get(id);
        if (!shard) {
          shard = { id, queue: [], running: undefined };
          shards.set(id, shard);
        }
        shard.queue.push(record);
        shard.running ??= run(shard);
      }
    },
    async idle() {
      while (shards.size > 0) {
        await Promise.all([...shards.values()].map(shard => shard.running));
      }
    },
    stats: () => ({
      ...stats,
      pending: [...shards.values()].reduce((n, s) => n + s.queue.length, 0),
    }),
    async stop(graceMs = 5_000) {
      stopped = true;
      const running = [...shards.values()].map(shard => shard.running);
      await Promise.race([Promise.all(running), sleep(graceMs)]);
      shards.clear();
    },
  };
}
