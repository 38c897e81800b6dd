import type { WorkflowOrderInput } from '@workflow-orders/table';

/** Counts of what happened to the orders given to `record()`. @public */
export interface RecorderStats {
  /** Orders stored. */
  readonly recorded: number;
  /** Orders found stored already under the same id (a re-run of the engine). */
  readonly duplicates: number;
  /** Orders DynamoDB refused or that ran out of retries. */
  readonly failed: number;
  /** Orders dropped because the queue was full. */
  readonly dropped: number;
  /** Orders that failed validation or could not be read. */
  readonly invalid: number;
  /**
   * Orders not stored (dropped, failed, or pending at exit or at a flush deadline) that were kept
   * for later: in the spill file, or as a line of the log.
   */
  readonly kept: number;
  /** Orders read back from spill files of earlier processes and queued again. */
  readonly replayed: number;
  /** Orders queued or being written right now. */
  readonly pending: number;
}

/**
 * What a flush achieved: the counts of orders settled since the previous flush ended (so each Lambda
 * invocation sees its own), the orders still pending, and whether the deadline cut it short.
 *
 * @public
 */
export interface FlushResult extends RecorderStats {
  /** True when the deadline passed before every queued order was settled. */
  readonly timedOut: boolean;
}

/** Options of one flush. @public */
export interface FlushOptions {
  /** Longest the flush may take; it resolves by then whatever DynamoDB does. */
  readonly timeoutMs?: number;
}

/** Records the orders an engine places into DynamoDB, in the background. @public */
export interface OrderRecorder {
  /** Queues one order. Synchronous, returns at once and never throws, whatever the input. */
  record(order: WorkflowOrderInput): void;
  /**
   * Waits until every queued order is written, or the deadline passes; then abandons the writes in
   * flight, keeps them queued for later, and resolves. Never rejects.
   */
  flush(options?: FlushOptions): Promise<FlushResult>;
  /** Counts since the recorder was created. */
  stats(): RecorderStats;
}
