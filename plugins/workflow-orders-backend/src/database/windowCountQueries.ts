import { ordersTable } from '@workflow-orders/table';
import { historySelection } from './orderFilterExpression';
import {
  MAX_FILTERED_READ,
  sendQuery,
  type QueryOptions,
} from './orderQueries';
import type { CountRange, ExpiredRange } from './WindowCounts';

/** Items the first Query of what expired from a window reads: the expired ones and the next. */
const EXPIRED_FIRST_READ = 25;

type Item = Record<string, unknown>;

/** The Queries that keep a history's count ({@link WindowCounts}): ranges counted, and what expired. */
export function windowCountQueries(options: QueryOptions): {
  countRange: CountRange;
  expiredRange: ExpiredRange;
} {
  /**
   * How many of a workflow's orders in the window the pages with these filters list, counted by
   * DynamoDB (`Select: 'COUNT'` with the pages' filter): no item leaves DynamoDB. At most
   * `maxRead` items are read; when the window holds more, the count of those read is a lower bound
   * (`exact: false`). `to` ends the range (inclusive) before the end of the window.
   */
  const countRange: CountRange = async ({
    workflowId,
    from: oldest,
    filters,
    maxRead,
    to: latest,
  }) => {
    const selection = historySelection(workflowId, oldest, filters, latest);
    let count = 0;
    let scanned = 0;
    let start: Item | undefined;
    do {
      const left = maxRead - scanned;
      if (left <= 0) return { count, exact: false };
      const result = await sendQuery(
        options,
        {
          ...selection,
          Select: 'COUNT',
          ExclusiveStartKey: start,
          Limit: Number.isFinite(left) ? left : undefined,
        },
        `reading the orders of workflow ${workflowId}`,
      );
      count += result.Count ?? 0;
      scanned += result.ScannedCount ?? 0;
      start = result.LastEvaluatedKey;
    } while (start);
    return { count, exact: true };
  };

  /**
   * How many of a workflow's orders the pages with these filters list from `from` and before
   * `before`, read oldest first with only their `placed_at`, and the first of them at `before` or
   * later up to `to` (inclusive): what expired of a window, and where it now starts. Reads
   * {@link EXPIRED_FIRST_READ} items, then more, at most `maxRead` (past which the count is a lower
   * bound and no first is known).
   */
  const expiredRange: ExpiredRange = async ({
    workflowId,
    from,
    before,
    to,
    filters,
    maxRead,
  }) => {
    const selection = historySelection(workflowId, from, filters, to);
    let count = 0;
    let scanned = 0;
    let read = EXPIRED_FIRST_READ;
    let start: Item | undefined;
    do {
      const left = maxRead - scanned;
      if (left <= 0) return { count, exact: false };
      const result = await sendQuery(
        options,
        {
          ...selection,
          ProjectionExpression: '#placed_at',
          ScanIndexForward: true,
          ExclusiveStartKey: start,
          Limit: Math.min(read, left),
        },
        `reading the orders of workflow ${workflowId}`,
      );
      for (const item of result.Items ?? []) {
        const placedAt = Number(item[ordersTable.sortKey]);
        if (placedAt >= before) return { count, exact: true, first: placedAt };
        count += 1;
      }
      scanned += result.ScannedCount ?? 0;
      start = result.LastEvaluatedKey;
      read = Math.min(MAX_FILTERED_READ, read * 4);
    } while (start);
    return { count, exact: true };
  };

  return { countRange, expiredRange };
}
