import type {
  HistoryOptions,
  OrderPage,
  OrderStore,
} from '../database/OrderStore';

/** Options of {@link SharedFirstPages}. */
export interface SharedFirstPagesOptions {
  /** How long a first page is shared, in milliseconds. */
  readonly ttlMs: number;
  /** First pages kept at most; the oldest go first. @default 1000 */
  readonly maxEntries?: number;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

type Entry = { page: Promise<OrderPage>; until: number };

/**
 * The first page of a workflow's history (the Orders tab's page 1, which every open tab asks again
 * when the workflow has a new order), read once and shared between callers for a short time: the
 * callers asking at once share one read, and those asking within `ttlMs` its answer. A workflow's
 * pages are dropped as soon as the live watcher sees a new order of it ({@link invalidate}), so a
 * tab that reloads on a hint reads the new order. Only the store's answer is shared: whether a
 * caller may read the workflow is still decided for each caller, before the store is asked.
 */
export class SharedFirstPages {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(private readonly options: SharedFirstPagesOptions) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /**
   * `store`, its first history pages shared while `sharing()` says so (while the live watcher
   * reads, which drops a workflow's pages when it has a new order); every other read as it is.
   */
  wrap(store: OrderStore, sharing: () => boolean = () => true): OrderStore {
    return {
      getHistory: options =>
        sharing() ? this.history(options, store) : store.getHistory(options),
      getLatestOrders: options => store.getLatestOrders(options),
      getOrder: options => store.getOrder(options),
      getLastOrders: options => store.getLastOrders(options),
      getActivity: options => store.getActivity(options),
      checkHealth: () => store.checkHealth(),
      ...(store.getLatestOrdersSince && {
        getLatestOrdersSince: options => store.getLatestOrdersSince!(options),
      }),
      ...(store.getOrdersAfter && {
        getOrdersAfter: options => store.getOrdersAfter!(options),
      }),
    };
  }

  /** Drops the shared pages of these workflows, which have a new latest order. */
  invalidate(workflowIds: Iterable<string>): void {
    // A read under way is dropped too: it may have started before the new order was written.
    const changed = new Set(workflowIds);
    for (const key of this.entries.keys()) {
      if (changed.has(key.slice(0, key.indexOf(' ')))) this.entries.delete(key);
    }
  }

  private history(options: HistoryOptions, store: OrderStore) {
    if (options.afterPlacedAt !== undefined || options.knownCount) {
      return store.getHistory(options);
    }
    const { workflowId, limit, sort, direction, code } = options;
    const key = `${workflowId} ${JSON.stringify([limit, sort ?? 'newest', direction ?? null, code ?? null])}`;
    const now = this.now();
    const known = this.entries.get(key);
    if (known && known.until > now) return known.page;

    const page = store.getHistory(options);
    const entry = { page, until: now + this.options.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    // A failed read is not shared: the next caller asks again.
    page.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return page;
  }
}
