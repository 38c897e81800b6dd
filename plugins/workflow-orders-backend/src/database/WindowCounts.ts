import type { OrderFilters } from './orderRecords';

/** A count of some of a workflow's orders, and whether it is exact (else a lower bound). */
export interface WindowCount {
  readonly count: number;
  readonly exact: boolean;
}

/** Counts the orders placed from `from` to `to` (epoch seconds, both inclusive) with the filters. */
export type CountRange = (range: {
  workflowId: string;
  filters: OrderFilters;
  from: number;
  to?: number;
  maxRead: number;
}) => Promise<WindowCount>;

/**
 * Counts the orders placed from `from` and before `before` with the filters, oldest first, and finds
 * the first one placed at `before` or later, up to `to` (inclusive): what expired of a window, and
 * where the window now starts.
 */
export type ExpiredRange = (range: {
  workflowId: string;
  filters: OrderFilters;
  from: number;
  before: number;
  to: number;
  maxRead: number;
}) => Promise<WindowCount & { readonly first?: number }>;

/**
 * The `placed_at` of a first page's orders placed after `since`, newest first, when that page lists
 * every such order (it reaches back to `since`, or ends the window); otherwise undefined.
 */
export type NewestOrders = (
  since: number,
) => Promise<readonly number[] | undefined>;

/** What a workflow's window held when counted: the orders from `oldest` to `settled`, inclusive. */
interface Settled {
  readonly oldest: number;
  readonly settled: number;
  readonly count: number;
  readonly expiresAtMs: number;
  /** The `placed_at` of the oldest of them, when known: nothing expires before the window passes it. */
  readonly first?: number;
}

/** The smallest double above `value`: a range starting there leaves `value` itself out. */
export function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] += value > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

/** The largest double below `value`: a range ending there leaves `value` itself out. */
export function nextDown(value: number): number {
  return -nextUp(-value);
}

/** The key of a workflow's count with these filters. */
const keyOf = (workflowId: string, filters: OrderFilters) =>
  JSON.stringify([workflowId, filters.direction ?? null, filters.code ?? null]);

/**
 * The count of a history's first page, kept up to date from what changed rather than counted again:
 * a workflow with 100,000 orders in its window costs a bounded count once, then, on each first page
 * within `ttlMs`, reads only what changed: the orders placed since (none when the first page lists
 * them all, as it does unless orders arrive faster than a page a minute) and those that expired
 * since (only once the window passes the oldest order counted, which it learns on the way). A
 * workflow whose window fits one page needs none: its first page, read whole, is its count.
 *
 * A count covers the orders placed up to `settleSeconds` before it was made (the settled part) and
 * counts the rest afresh every time, so an order stored a little late (a writer's clock or retries)
 * is still counted. An order stored with a `placed_at` older than that (a backfill), or an order
 * deleted before it expires, is reflected once the entry is `ttlMs` old and the window is counted in
 * full again. A count that was a lower bound is not kept.
 */
export class WindowCounts {
  readonly #entries = new Map<string, Settled>();

  constructor(
    private readonly countRange: CountRange,
    private readonly expiredRange: ExpiredRange,
    private readonly options: {
      readonly ttlMs: number;
      readonly settleSeconds: number;
      readonly maxEntries: number;
    },
  ) {}

  /**
   * The number of the workflow's orders from `oldest` on that match the filters. With `newest`, the
   * orders the first page lists stand for the newest part of the count where the page reaches back
   * far enough, so that part costs no Query of its own.
   */
  async count(options: {
    workflowId: string;
    filters: OrderFilters;
    oldest: number;
    nowMs: number;
    maxRead: number;
    newest?: NewestOrders;
  }): Promise<WindowCount> {
    const { workflowId, filters, oldest, nowMs, maxRead, newest } = options;
    const key = keyOf(workflowId, filters);
    const settled = nowMs / 1000 - this.options.settleSeconds;
    const known = this.#entries.get(key);
    if (known) {
      // Most recently used now, and still there for the first pages asked meanwhile.
      this.#entries.delete(key);
      this.#entries.set(key, known);
    }
    const range = (from: number, to?: number) =>
      this.countRange({ workflowId, filters, from, to, maxRead });
    /** The orders placed after `since`: from the first page when it lists them all. */
    const after = async (since: number): Promise<WindowCount> => {
      const listed = await newest?.(since);
      return listed
        ? { count: listed.length, exact: true }
        : range(nextUp(since));
    };

    if (
      !known ||
      known.expiresAtMs <= nowMs ||
      oldest < known.oldest ||
      settled < known.settled ||
      oldest > known.settled
    ) {
      const [older, newer] = await Promise.all([
        range(oldest, settled),
        after(settled),
      ]);
      if (older.exact) {
        this.#remember(key, {
          oldest,
          settled,
          count: older.count,
          expiresAtMs: nowMs + this.options.ttlMs,
        });
      }
      return {
        count: older.count + newer.count,
        exact: older.exact && newer.exact,
      };
    }

    // Nothing expired while the window has not passed the oldest order counted.
    const expiring =
      oldest > known.oldest &&
      known.count > 0 &&
      (known.first === undefined || oldest > known.first)
        ? this.expiredRange({
            workflowId,
            filters,
            from: known.oldest,
            before: oldest,
            to: known.settled,
            maxRead,
          })
        : Promise.resolve({ count: 0, exact: true, first: known.first });
    if (settled - known.settled <= this.options.settleSeconds) {
      // Brought forward a little while ago: count everything since then afresh, one Query (none
      // when the first page lists it), and keep the settled part where it is.
      const [expired, recent] = await Promise.all([
        expiring,
        after(known.settled),
      ]);
      const exact = expired.exact && recent.exact;
      const count = known.count - expired.count;
      if (exact) {
        this.#remember(key, { ...known, oldest, count, first: expired.first });
      }
      return { count: count + recent.count, exact };
    }
    const [expired, [settledSince, recent]] = await Promise.all([
      expiring,
      this.#since(known.settled, settled, range, newest),
    ]);
    const exact = expired.exact && settledSince.exact && recent.exact;
    const count = known.count - expired.count + settledSince.count;
    if (exact) {
      this.#remember(key, {
        oldest,
        settled,
        count,
        expiresAtMs: known.expiresAtMs,
        // The oldest order is still the one counted before, unless none was left.
        first: known.count - expired.count > 0 ? expired.first : undefined,
      });
    }
    return { count: count + recent.count, exact };
  }

  /** The orders placed after `from` up to `settled`, and those after: from the first page if it can. */
  async #since(
    from: number,
    settled: number,
    range: (from: number, to?: number) => Promise<WindowCount>,
    newest: NewestOrders | undefined,
  ): Promise<[WindowCount, WindowCount]> {
    const listed = await newest?.(from);
    if (listed) {
      const recent = listed.filter(placedAt => placedAt > settled).length;
      return [
        { count: listed.length - recent, exact: true },
        { count: recent, exact: true },
      ];
    }
    return Promise.all([range(nextUp(from), settled), range(nextUp(settled))]);
  }

  /**
   * Whether the workflow's window held fewer than `limit` such orders when last counted, within
   * `ttlMs`: then its first page most likely ends the window, and reading that page alone counts it.
   */
  fitsOnePage(options: {
    workflowId: string;
    filters: OrderFilters;
    nowMs: number;
    limit: number;
  }): boolean {
    const known = this.#entries.get(keyOf(options.workflowId, options.filters));
    return (
      known !== undefined &&
      known.expiresAtMs > options.nowMs &&
      known.count < options.limit
    );
  }

  /**
   * Remembers the count of a window read whole: `placedAts` are all its orders with the filters, as
   * a first page that ended the window listed them. A whole read is a fresh count.
   */
  rememberWhole(options: {
    workflowId: string;
    filters: OrderFilters;
    oldest: number;
    nowMs: number;
    placedAts: readonly number[];
  }): void {
    const { workflowId, filters, oldest, nowMs, placedAts } = options;
    const key = keyOf(workflowId, filters);
    const settled = nowMs / 1000 - this.options.settleSeconds;
    this.#entries.delete(key);
    const settledPart = placedAts.filter(placedAt => placedAt <= settled);
    this.#remember(key, {
      oldest,
      settled,
      count: settledPart.length,
      expiresAtMs: nowMs + this.options.ttlMs,
      first: settledPart.length > 0 ? Math.min(...settledPart) : undefined,
    });
  }

  #remember(key: string, entry: Settled) {
    this.#entries.delete(key);
    if (this.#entries.size >= this.options.maxEntries) {
      const [leastRecent] = this.#entries.keys();
      this.#entries.delete(leastRecent);
    }
    this.#entries.set(key, entry);
  }
}
