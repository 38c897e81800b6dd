import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BackfillClock } from './capacity';
import type { BackfillProgress } from './progress';

/** Options of {@link backfillLatestOrders}. @public */
export interface BackfillLatestOrdersOptions {
  /** The client to use (its endpoint and region decide which table is read). */
  readonly client: DynamoDBClient;
  /** Name of the table. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
  /** The current time in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
  /**
   * Segments of the parallel Scan, read concurrently (DynamoDB's `TotalSegments`).
   *
   * @defaultValue 4
   */
  readonly segments?: number;
  /**
   * Read capacity units per second the Scan stays at or under, on average, shared by all segments;
   * unlimited when not given.
   */
  readonly maxReadUnits?: number;
  /** Scan and report what would be written; write nothing (no checkpoint either). @defaultValue false */
  readonly dryRun?: boolean;
  /**
   * File to save progress to and continue from: a run stopped by `signal` or a failure leaves it, a
   * run that finishes deletes it. No file is kept when not given.
   */
  readonly checkpointFile?: string;
  /** Scan pages (of all segments together) between checkpoints. @defaultValue 10 */
  readonly checkpointEveryPages?: number;
  /** Items a Scan page evaluates at most; DynamoDB's 1 MB pages when not given (or what `maxReadUnits` allows). */
  readonly pageSize?: number;
  /** Stops the backfill: the segments stop after their page in flight and the checkpoint is saved. */
  readonly signal?: AbortSignal;
  /**
   * Told where the backfill is after every Scan page, and once at its end; continuing a checkpoint,
   * also once before its first page (the checkpoint's counts).
   */
  readonly onProgress?: (progress: BackfillProgress) => void;
  /** Time for pacing reads and for rates. @defaultValue the system clock */
  readonly clock?: BackfillClock;
}

/** What {@link backfillLatestOrders} found and did. @public */
export interface BackfillLatestOrdersResult {
  /** The table that was read. */
  readonly tableName: string;
  /** Readable orders of the last 7 days. */
  readonly orders: number;
  /** Items of the last 7 days that are not readable orders, left alone. */
  readonly malformed: number;
  /** Workflows with at least one readable order. */
  readonly workflows: number;
  /** Latest-order items written (in a dry run: that would be): missing, or older than the workflow's newest order. */
  readonly written: number;
  /** Latest-order items that held the newest order already. */
  readonly current: number;
  /**
   * Of those, items written before the `latest-orders-index` existed, now put in it (the index key
   * set where it was missing). A dry run does not tell these apart: 0.
   */
  readonly indexed: number;
  /** Items the Scan evaluated, earlier runs of a checkpoint included. */
  readonly scanned: number;
  /** Read capacity units the Scan consumed, earlier runs of a checkpoint included. */
  readonly consumedCapacity: number;
  /** True when nothing was written. */
  readonly dryRun: boolean;
  /** True when this run continued a checkpoint. */
  readonly resumed: boolean;
  /** True when `signal` stopped the Scan before its end; the counts are of what was scanned. */
  readonly stopped: boolean;
  /** The checkpoint a stopped run saved, to continue from. */
  readonly checkpointFile?: string;
}

/** The options with their defaults, checked. */
export function resolveOptions(options: BackfillLatestOrdersOptions) {
  const segments = options.segments ?? 4;
  if (!Number.isInteger(segments) || segments < 1 || segments > 1_000_000) {
    throw new RangeError(
      `segments must be a whole number from 1 to 1000000 (DynamoDB's TotalSegments), got ${segments}`,
    );
  }
  const { maxReadUnits, pageSize } = options;
  if (maxReadUnits !== undefined && !(maxReadUnits > 0)) {
    throw new RangeError(
      `maxReadUnits must be a number of read capacity units above 0, got ${maxReadUnits}`,
    );
  }
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
    throw new RangeError(
      `pageSize must be a whole number of items above 0, got ${pageSize}`,
    );
  }
  const checkpointEveryPages = options.checkpointEveryPages ?? 10;
  if (!(Number.isInteger(checkpointEveryPages) && checkpointEveryPages > 0)) {
    throw new RangeError(
      `checkpointEveryPages must be a whole number above 0, got ${checkpointEveryPages}`,
    );
  }
  return {
    segments,
    maxReadUnits,
    pageSize,
    checkpointEveryPages,
    dryRun: options.dryRun ?? false,
  };
}
