import {
  LatestOrderItem,
  WorkflowOrderSummary,
  isUuid,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi } from '../api';
import {
  LIVE_POLL_INTERVAL_MS,
  LiveOrdersStore,
} from '../live/LiveOrdersStore';
import { POLL_INTERVAL_MS, startPolling } from './polling';
import { toError } from './toError';

/**
 * What one row of the workflows list knows about its workflow's last order. A loaded summary is
 * null for a workflow the user may not see (or that does not exist): the row shows nothing.
 */
export type SummaryEntry =
  | { status: 'loading' }
  | {
      status: 'loaded';
      summary: WorkflowOrderSummary | null;
      fetchedAt: number;
    }
  | { status: 'error'; error: Error };

type Listener = () => void;

/**
 * The last-order summaries of every workflow shown in a list. Rows ask for their workflow one by
 * one; the store coalesces the asks of one render into ONE `POST /summaries`, keeps each answer per
 * workflow id, and refreshes every shown workflow in one request per minute while the tab is visible,
 * and at once when the tab is shown again. It runs the schedule `usePolledResource` runs, once for
 * the whole list rather than once per row, so each refresh stays one request. With a live store,
 * a workflow's new latest order updates its row in place while rows are shown, and the refresh
 * becomes rare while live.
 */
export class OrderSummaryStore {
  private readonly entries = new Map<string, SummaryEntry>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private stopPolling: (() => void) | undefined;
  private stopLive: (() => void) | undefined;

  constructor(
    private readonly api: WorkflowOrdersApi,
    private readonly intervalMs: number = POLL_INTERVAL_MS,
    private readonly live?: LiveOrdersStore,
  ) {}

  /** The current entry of a workflow; the same object until it changes. */
  get(workflowId: string): SummaryEntry | undefined {
    return this.entries.get(normalizeWorkflowId(workflowId));
  }

  /** Registers a row's interest in a workflow and fetches it unless a fresh answer is kept. */
  subscribe(workflowId: string, listener: Listener): () => void {
    const id = normalizeWorkflowId(workflowId);
    if (!isUuid(id)) return () => {};
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);

    const entry = this.entries.get(id);
    const stale =
      !entry ||
      entry.status === 'error' ||
      (entry.status === 'loaded' &&
        Date.now() - entry.fetchedAt >= this.intervalMs);
    if (stale) this.enqueue([id]);
    this.poll();
    this.stopLive ??= this.listenLive();

    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
      if (this.listeners.size === 0) {
        this.stopPolling?.();
        this.stopPolling = undefined;
        this.stopLive?.();
        this.stopLive = undefined;
      }
    };
  }

  /** Fetches every workflow a row currently shows, in one request. */
  refreshAll(): void {
    this.enqueue([...this.listeners.keys()]);
  }

  private enqueue(ids: string[]): void {
    for (const id of ids) {
      this.pending.add(id);
      if (!this.entries.has(id)) this.entries.set(id, { status: 'loading' });
    }
    // Rows subscribe one after the other within the same commit; waiting one macrotask lets all
    // of them join the same request.
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0) return;
    try {
      const summaries = await this.api.getSummaries({ workflowIds: ids });
      const fetchedAt = Date.now();
      ids.forEach((id, index) => {
        const summary = summaries[index];
        this.set(
          id,
          summary === undefined
            ? {
                status: 'error',
                error: new Error('No summary was returned for this workflow'),
              }
            : { status: 'loaded', summary, fetchedAt },
        );
      });
    } catch (thrown) {
      const error = toError(thrown);
      ids.forEach(id => {
        // A row that already shows a value keeps it; a failed refresh is retried next minute.
        if (this.entries.get(id)?.status !== 'loaded')
          this.set(id, { status: 'error', error });
      });
    }
  }

  private set(id: string, entry: SummaryEntry): void {
    this.entries.set(id, entry);
    this.listeners.get(id)?.forEach(listener => listener());
  }

  private poll(): void {
    const intervalMs =
      this.live?.getMode() === 'live' ? LIVE_POLL_INTERVAL_MS : this.intervalMs;
    this.stopPolling ??= startPolling(() => this.refreshAll(), intervalMs);
  }

  /** Follows the live store while rows are shown: new last orders, reloads, the poll interval. */
  private listenLive(): (() => void) | undefined {
    const live = this.live;
    if (!live) return undefined;
    const stopEvents = live.listen(event => {
      if (event.type === 'reload') this.refreshAll();
      else event.changes.forEach(order => this.applyLatest(order));
    });
    const stopMode = live.subscribeMode(() => {
      this.stopPolling?.();
      this.stopPolling = undefined;
      this.poll();
    });
    return () => {
      stopEvents();
      stopMode();
    };
  }

  /** A workflow's new latest order, in place of an older one shown. */
  private applyLatest(order: LatestOrderItem): void {
    const id = normalizeWorkflowId(order.workflow_id);
    const entry = this.entries.get(id);
    if (entry?.status !== 'loaded' || !entry.summary) return;
    const shownAt = entry.summary.last_order_timestamp;
    if (shownAt && Date.parse(shownAt) >= Date.parse(order.placed_at)) return;
    this.set(id, {
      status: 'loaded',
      fetchedAt: entry.fetchedAt,
      summary: {
        workflow_id: entry.summary.workflow_id,
        last_order_timestamp: order.placed_at,
        last_order_direction: order.order_direction,
        last_order_quantity: order.order_quantity,
        last_order_price: order.order_price,
        last_order_code: order.order_code,
      },
    });
  }
}
