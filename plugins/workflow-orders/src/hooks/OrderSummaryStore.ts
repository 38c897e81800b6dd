import {
  WorkflowOrderSummary,
  isUuid,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi } from '../api';
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
 * the whole list rather than once per row, so each refresh stays one request.
 */
export class OrderSummaryStore {
  private readonly entries = new Map<string, SummaryEntry>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private stopPolling: (() => void) | undefined;

  constructor(
    private readonly api: WorkflowOrdersApi,
    private readonly intervalMs: number = POLL_INTERVAL_MS,
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

    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
      if (this.listeners.size === 0) {
        this.stopPolling?.();
        this.stopPolling = undefined;
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
    this.stopPolling ??= startPolling(() => this.refreshAll(), this.intervalMs);
  }
}
