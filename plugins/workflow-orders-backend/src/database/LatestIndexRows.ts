import { MAX_SUMMARY_WORKFLOWS } from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import {
  countLatestOrders,
  readLatestOrdersFromIndex,
  type LatestOrderIndexSource,
} from './latestOrderIndex';

/** How long a count of the `latest-orders-index` stands before it is counted again. */
const RECOUNT_MS = 60 * 60 * 1000;
/** How long after a count that failed the index is counted again. */
const RETRY_COUNT_MS = 60 * 1000;
/** Rows counted at most: past twice the longest list, the workflows list never reads the index whole. */
const COUNT_LIMIT = 2 * MAX_SUMMARY_WORKFLOWS;

/**
 * The `latest-orders-index` as the workflows list reads it whole: its rows in the retention window
 * as last learned, from a count (a `Select: 'COUNT'` Query of the index, which reads at most
 * {@link COUNT_LIMIT} rows) made in the background when the store is created and again by the first
 * use an hour later (a minute after a count that failed), or exactly from a read of the whole
 * window. A count never
 * fails a request: a failure is logged and leaves what was known, nothing at first, which makes the
 * workflows list read its latest-order items by key.
 *
 * DescribeTable's `ItemCount` of the index is not used: DynamoDB updates it about every six hours
 * and counts latest orders past the window whose TTL deletion is late, and dynalite always answers
 * 0 (only DynamoDB Local counts live), where a bounded count is cheap and exact on every engine.
 */
export class LatestIndexRows {
  private rows?: number;
  private nextCountMs = -Infinity;
  private counting = false;

  constructor(
    private readonly source: LatestOrderIndexSource,
    /** The start of the retention window, in epoch seconds. */
    private readonly oldest: () => number,
  ) {}

  /** The rows last learned, undefined while none are; starts a count when the last is due. */
  rowsAt(nowMs: number): number | undefined {
    if (nowMs >= this.nextCountMs) this.countInBackground(nowMs);
    return this.rows;
  }

  /**
   * The orders of these workflows' rows in the window from `oldest`, read from the whole window
   * (`readLatestOrdersFromIndex`), whose rows then stand as a count.
   */
  async readOrders(
    workflowIds: readonly string[],
    window: { nowMs: number; oldest: number },
  ): Promise<Map<string, WorkflowOrderRecord>> {
    const { orders, rows } = await readLatestOrdersFromIndex(this.source, {
      workflowIds,
      oldest: window.oldest,
    });
    this.learn(rows, window.nowMs);
    return orders;
  }

  private learn(rows: number, nowMs: number): void {
    this.rows = rows;
    this.nextCountMs = nowMs + RECOUNT_MS;
  }

  /** Counts the rows in the background, unless a count is under way. */
  countInBackground(nowMs: number): void {
    if (this.counting) return;
    this.counting = true;
    this.nextCountMs = nowMs + RETRY_COUNT_MS;
    const { logger, tableName } = this.source;
    countLatestOrders(this.source, {
      oldest: this.oldest(),
      limit: COUNT_LIMIT,
    })
      .then(
        rows => {
          this.learn(rows, nowMs);
          const counted =
            rows === Infinity
              ? 'more rows in the window than the workflows list reads whole'
              : `${rows} rows in the window`;
          logger.debug(
            `Counted the latest-orders-index of table ${tableName}: ${counted}`,
          );
        },
        error => {
          logger.warn(
            `Could not count the latest-orders-index of table ${tableName}; the workflows list reads latest-order items by key until it can: ${error}`,
          );
        },
      )
      .finally(() => {
        this.counting = false;
      });
  }
}
