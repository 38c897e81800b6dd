import { ordersTable } from '@workflow-orders/table';
import type { OrderQueries } from './orderQueries';
import type { OrderRecordReader } from './orderRecords';
import type { HistoryOptions, OrderPage } from './OrderStore';
import type { NewestOrders, WindowCounts } from './WindowCounts';

/** What a history page is read with. */
export interface HistorySources {
  readonly queries: OrderQueries;
  readonly windowCounts: WindowCounts;
  readonly readRecords: OrderRecordReader;
  /** Items a count reads at most, past which it is a lower bound. */
  readonly countReadLimit: number;
}

/**
 * A page of a workflow's history, in the order of `sort`, with the orders matching the filters:
 * one Query unless the filters leave out much of what it read. The count is a `Select: 'COUNT'`
 * of the same filter, run for the first page only (a later page is given it), kept per workflow
 * and filters ({@link WindowCounts}), and bounded by `countReadLimit` items read, past which it is
 * a lower bound. A window that fitted one page when last counted is counted by its first page.
 */
export async function readHistory(
  sources: HistorySources,
  options: HistoryOptions,
  { nowMs, oldest }: { nowMs: number; oldest: number },
): Promise<OrderPage> {
  const { queries, windowCounts, readRecords, countReadLimit } = sources;
  const { workflowId, afterPlacedAt, sort = 'newest', knownCount } = options;
  const filters = { direction: options.direction, code: options.code };
  const readPage = () => queries.page({ ...options, sort, filters, oldest });
  const countWindow = async (firstPage?: ReturnType<typeof readPage>) =>
    knownCount
      ? { count: knownCount.totalCount, exact: knownCount.exact }
      : windowCounts.count({
          workflowId,
          filters,
          oldest,
          nowMs,
          maxRead: countReadLimit,
          newest: firstPage && newestOn(firstPage),
        });
  const counted = ({ count, exact }: { count: number; exact: boolean }) =>
    exact
      ? { totalCount: count }
      : { totalCount: count, totalCountExact: false };
  const answer = (
    { items, more }: { items: Record<string, unknown>[]; more: boolean },
    count: { count: number; exact: boolean },
  ): OrderPage => {
    const last = items[items.length - 1];
    return {
      orders: readRecords(items),
      ...counted(count),
      nextPlacedAt:
        more && last ? Number(last[ordersTable.sortKey]) : undefined,
    };
  };
  // Newest first, a position that expired since has nothing after it in the window.
  if (
    sort === 'newest' &&
    afterPlacedAt !== undefined &&
    afterPlacedAt < oldest
  ) {
    return { orders: [], ...counted(await countWindow()) };
  }
  // A window that fitted one page when last counted: its first page, if it still ends the
  // window, is its count, and nothing else is read.
  if (
    !knownCount &&
    afterPlacedAt === undefined &&
    windowCounts.fitsOnePage({
      workflowId,
      filters,
      nowMs,
      limit: options.limit,
    })
  ) {
    const page = await readPage();
    if (!page.more) {
      windowCounts.rememberWhole({
        workflowId,
        filters,
        oldest,
        nowMs,
        placedAts: page.items.map(item => Number(item[ordersTable.sortKey])),
      });
      return answer(page, { count: page.items.length, exact: true });
    }
    return answer(page, await countWindow());
  }
  const page = readPage();
  const [count, read] = await Promise.all([
    countWindow(
      sort === 'newest' && afterPlacedAt === undefined ? page : undefined,
    ),
    page,
  ]);
  return answer(read, count);
}

/**
 * The orders a first page (newest first) lists after a time, when it lists all of them: it ends
 * the window, or its oldest order is at that time or before.
 */
function newestOn(
  page: Promise<{ items: Record<string, unknown>[]; more: boolean }>,
): NewestOrders {
  return async since => {
    const { items, more } = await page;
    const placedAts = items.map(item => Number(item[ordersTable.sortKey]));
    const reaches =
      !more ||
      (placedAts.length > 0 && placedAts[placedAts.length - 1] <= since);
    return reaches ? placedAts.filter(placedAt => placedAt > since) : undefined;
  };
}
