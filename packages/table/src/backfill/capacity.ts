import type { TableItem } from '../protocol/items';

/** Time as the backfill sees it; tests give one that moves only when something waits. @public */
export interface BackfillClock {
  /** Milliseconds, any origin. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock. A wait under the read-capacity limit keeps the process alive (the backfill is still
 * working); aborting the signal ends it at once.
 */
export const systemClock: BackfillClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let onAbort = () => {};
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Read capacity units per second, shared by every segment of a Scan. A page reserves what it is
 * expected to cost before it is sent, and settles the difference once DynamoDB says what it cost, so
 * a page that cost more leaves a debt the next pages wait out. The bucket starts empty and holds at
 * most one second of units: a Scan never bursts above the limit at its start, nor after a pause.
 */
export class ReadCapacityBucket {
  readonly #rate: number;
  readonly #clock: BackfillClock;
  #units = 0;
  #at: number;

  constructor(unitsPerSecond: number, clock: BackfillClock) {
    this.#rate = unitsPerSecond;
    this.#clock = clock;
    this.#at = clock.now();
  }

  /** Waits until `units` are available, then takes them. */
  async take(units: number, signal?: AbortSignal): Promise<void> {
    // A page can cost more than a second's budget; it then waits for a full bucket and owes the rest.
    const wanted = Math.min(units, this.#rate);
    for (;;) {
      this.#refill();
      if (this.#units >= wanted) {
        this.#units -= units;
        return;
      }
      const waitMs = ((wanted - this.#units) / this.#rate) * 1000;
      await this.#clock.sleep(Math.max(1, Math.ceil(waitMs)), signal);
    }
  }

  /** Settles a page: what it cost beyond what it took (or gives back what it took in excess). */
  settle(reserved: number, consumed: number): void {
    this.#refill();
    this.#units = Math.min(this.#rate, this.#units + reserved - consumed);
  }

  #refill() {
    const now = this.#clock.now();
    const earned = ((now - this.#at) / 1000) * this.#rate;
    this.#at = now;
    this.#units = Math.min(this.#rate, this.#units + earned);
  }
}

/** Bytes DynamoDB counts for a value: its name's bytes are added by the caller. */
function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') {
    return 1;
  }
  if (typeof value === 'string') return Buffer.byteLength(value);
  // DynamoDB stores numbers as up to 38 significant digits, about one byte per two digits plus one.
  if (typeof value === 'number' || typeof value === 'bigint') {
    return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  }
  if (Array.isArray(value)) {
    return value.reduce((sum: number, v) => sum + 1 + valueSize(v), 3);
  }
  if (typeof value === 'object') return itemSize(value as TableItem) + 3;
  return String(value).length;
}

/** DynamoDB's size of an item: the bytes of its attribute names and values. */
export function itemSize(item: TableItem): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value),
    0,
  );
}

/**
 * What a Scan page cost, for an engine that does not say (DynamoDB, DynamoDB Local and dynalite all
 * do when asked): the items it returned, scaled up to the items it evaluated, at 4 KB per read unit,
 * halved for an eventually consistent read (`typicalItemBytes` when the filter returned none). Never
 * less than the half unit DynamoDB charges a page.
 */
export function estimateScanReadUnits(
  items: readonly TableItem[],
  scannedCount: number,
  typicalItemBytes = 1024,
): number {
  const returned = items.reduce((sum, item) => sum + itemSize(item), 0);
  // The filter dropped the other items; take them to be of the returned items' size.
  const average = items.length > 0 ? returned / items.length : typicalItemBytes;
  const scanned = average * scannedCount;
  return Math.max(1, Math.ceil(scanned / 4096)) * 0.5;
}

/** Read units an item of 1 KB costs a Scan (eventually consistent), assumed until pages say. */
const ASSUMED_UNITS_PER_ITEM = 0.125;

/**
 * The size of the next Scan page under a read capacity limit: about what one segment may read in a
 * second (the limit shared by the segments), so one page never overshoots the budget by much. Item
 * sizes are learnt from what the pages cost so far.
 */
export class PageBudget {
  readonly #unitsPerSegment: number;
  readonly #maxItems: number | undefined;
  #scanned = 0;
  #consumed = 0;

  constructor(maxReadUnits: number, totalSegments: number, pageSize?: number) {
    this.#unitsPerSegment = Math.max(0.5, maxReadUnits / totalSegments);
    this.#maxItems = pageSize;
  }

  /** The Limit of the next page, and the read units to reserve for it. */
  next(): { limit: number; reserve: number } {
    const unitsPerItem =
      this.#scanned > 0 && this.#consumed > 0
        ? this.#consumed / this.#scanned
        : ASSUMED_UNITS_PER_ITEM;
    const fits = Math.max(1, Math.floor(this.#unitsPerSegment / unitsPerItem));
    const limit = Math.min(fits, this.#maxItems ?? fits);
    // DynamoDB charges at least half a unit a page, whatever it holds.
    return { limit, reserve: Math.max(0.5, limit * unitsPerItem) };
  }

  /** Learns from a page: the items it evaluated and what it cost. */
  record(scanned: number, consumed: number): void {
    this.#scanned += scanned;
    this.#consumed += consumed;
  }
}
