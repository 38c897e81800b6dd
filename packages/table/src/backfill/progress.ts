/** Where a backfill is, as its `onProgress` callback is told after every Scan page. @public */
export interface BackfillProgress {
  /** The table being read. */
  readonly tableName: string;
  /** Items the Scan evaluated (orders, guards, latest-order items, expired orders), earlier runs included. */
  readonly scanned: number;
  /**
   * The table's `ItemCount` from DescribeTable: DynamoDB updates it about every six hours, so it is an
   * estimate; `undefined` when the engine does not keep it (dynalite says 0) or DescribeTable is denied.
   */
  readonly estimatedItems?: number;
  /** Readable orders of the last 7 days found so far. */
  readonly orders: number;
  /** Items of the window that are not readable orders. */
  readonly malformed: number;
  /** Workflows with at least one readable order so far. */
  readonly workflows: number;
  /** Scan pages read, earlier runs included. */
  readonly pages: number;
  /** Read capacity units the Scan consumed, earlier runs included. */
  readonly consumedCapacity: number;
  /** Segments whose Scan has reached their end. */
  readonly segmentsDone: number;
  /** Segments of the parallel Scan. */
  readonly totalSegments: number;
  /** Milliseconds since this run started. */
  readonly elapsedMs: number;
  /** Items evaluated per second by this run. */
  readonly itemsPerSecond: number;
  /** Read capacity units consumed per second by this run. */
  readonly readUnitsPerSecond: number;
  /** Seconds left at this run's rate, from the estimate; `undefined` without one or past it. */
  readonly secondsLeft?: number;
  /** True when this run continues a checkpoint. */
  readonly resumed: boolean;
}

/** The counts a run keeps, from which its progress is worked out. */
export interface ProgressTallies {
  scanned: number;
  orders: number;
  malformed: number;
  pages: number;
  consumedCapacity: number;
}

/** A progress report from the tallies: rates over this run only, so a resumed run's rate is its own. */
export function progressOf(run: {
  tableName: string;
  tallies: ProgressTallies;
  /** The tallies this run started from (zero unless it resumed). */
  startedFrom: ProgressTallies;
  estimatedItems?: number;
  workflows: number;
  segmentsDone: number;
  totalSegments: number;
  elapsedMs: number;
}): BackfillProgress {
  const { tallies, startedFrom, estimatedItems } = run;
  const seconds = run.elapsedMs / 1000;
  const itemsPerSecond =
    seconds > 0 ? (tallies.scanned - startedFrom.scanned) / seconds : 0;
  const readUnitsPerSecond =
    seconds > 0
      ? (tallies.consumedCapacity - startedFrom.consumedCapacity) / seconds
      : 0;
  const left =
    estimatedItems !== undefined ? estimatedItems - tallies.scanned : 0;
  return {
    tableName: run.tableName,
    ...tallies,
    estimatedItems,
    workflows: run.workflows,
    segmentsDone: run.segmentsDone,
    totalSegments: run.totalSegments,
    elapsedMs: run.elapsedMs,
    itemsPerSecond,
    readUnitsPerSecond,
    secondsLeft:
      left > 0 && itemsPerSecond > 0 ? left / itemsPerSecond : undefined,
    resumed: startedFrom.pages > 0,
  };
}
