import type { TableItem } from '../protocol/items';
import type { OrdersTablePersistence } from '../protocol/OrdersTablePersistence';
import {
  estimateScanReadUnits,
  PageBudget,
  type ReadCapacityBucket,
} from './capacity';

/** Where one segment's Scan is: done, or the key it continues after (none before its first page). */
export interface SegmentPosition {
  done: boolean;
  nextKey?: TableItem;
}

/** A page as the segments hand it over. */
export interface ScannedPage {
  readonly segment: number;
  readonly items: TableItem[];
  readonly scannedCount: number;
  readonly consumedCapacity: number;
}

/** Options of {@link scanSegments}. */
export interface ScanSegmentsOptions {
  readonly persistence: OrdersTablePersistence;
  /** Epoch seconds: the Scan returns items placed at this instant or later. */
  readonly oldest: number;
  /** One position per segment, moved on in place after each page is taken in. */
  readonly positions: SegmentPosition[];
  /** Shared by every segment when the read rate is limited. */
  readonly capacity?: {
    readonly bucket: ReadCapacityBucket;
    readonly maxReadUnits: number;
  };
  /** Items a page evaluates at most; DynamoDB's 1 MB page when not given and not limited. */
  readonly pageSize?: number;
  /** Stops the segments after their page in flight (which is abandoned). */
  readonly signal: AbortSignal;
  /**
   * Takes a page in before its segment moves on; `afterPage` runs once the segment's position has
   * moved past it, and may take its time (a checkpoint).
   */
  readonly onPage: (page: ScannedPage) => void;
  readonly afterPage: () => Promise<void>;
}

/** True when `error` is the abort of `signal` rather than a failure. */
function isStop(signal: AbortSignal, error: unknown): boolean {
  return (
    signal.aborted &&
    (error === signal.reason ||
      (error as Error | undefined)?.name === 'AbortError')
  );
}

/**
 * Runs the segments of a parallel Scan concurrently, each page by page from its position until its
 * end or the signal, pacing the pages by the shared read capacity bucket when there is one. Rejects
 * with the first failure of any segment (the others stop after their page in flight).
 */
export async function scanSegments(
  options: ScanSegmentsOptions,
): Promise<void> {
  const { persistence, positions, capacity, signal } = options;
  const totalSegments = positions.length;
  const budget = capacity
    ? new PageBudget(capacity.maxReadUnits, totalSegments, options.pageSize)
    : undefined;
  // A failing segment stops the others, so the run can save what every segment has done.
  const failed = new AbortController();
  const stop = AbortSignal.any([signal, failed.signal]);

  const scanSegment = async (segment: number) => {
    const position = positions[segment];
    while (!position.done && !stop.aborted) {
      const { limit, reserve } = budget?.next() ?? {
        limit: options.pageSize,
        reserve: 0,
      };
      let page: Awaited<ReturnType<typeof persistence.scanSegmentPage>>;
      try {
        await capacity?.bucket.take(reserve, stop);
        page = await persistence.scanSegmentPage({
          oldest: options.oldest,
          segment,
          totalSegments,
          startKey: position.nextKey,
          limit,
          abortSignal: stop,
        });
      } catch (error) {
        if (isStop(stop, error)) {
          // Nothing of the abandoned page was read, so none of it is owed.
          capacity?.bucket.settle(reserve, 0);
          return;
        }
        throw error;
      }
      const consumedCapacity =
        page.consumedCapacity ??
        estimateScanReadUnits(page.items, page.scannedCount);
      capacity?.bucket.settle(reserve, consumedCapacity);
      budget?.record(page.scannedCount, consumedCapacity);
      options.onPage({
        segment,
        items: page.items,
        scannedCount: page.scannedCount,
        consumedCapacity,
      });
      position.nextKey = page.nextKey;
      position.done = !page.nextKey;
      await options.afterPage();
    }
  };

  const failures: unknown[] = [];
  await Promise.all(
    positions.map((_, segment) =>
      scanSegment(segment).catch(error => {
        failures.push(error);
        failed.abort(error);
      }),
    ),
  );
  if (failures.length > 0) throw failures[0];
}
