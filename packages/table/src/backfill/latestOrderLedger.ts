import { workflowOrderRecordSchema } from '../orderRecord';
import type { TableItem } from '../protocol/items';
import { ordersTable } from '../table';
import type { BackfillCheckpoint } from './checkpoint';

/** What came of making a workflow's newest order its latest order. */
export type LatestOrderOutcome = 'written' | 'current';

/** Orders placed further ahead than this are another system's items, not orders of the window. */
const FUTURE_SLACK_SECONDS = 24 * 60 * 60;

interface WorkflowEntry {
  /** The newest readable order the Scan found, while it is not yet the workflow's latest order. */
  pending?: TableItem;
  pendingPlacedAt: number;
  /** The newest order made (or found) the latest order, and what came of it. */
  settledPlacedAt?: number;
  outcome?: LatestOrderOutcome;
  indexed: boolean;
}

/** A pending latest order: the workflow and its newest order found so far. */
export interface PendingLatestOrder {
  readonly workflowId: string;
  readonly order: TableItem;
  readonly placedAt: number;
}

/**
 * The newest order of each workflow, merged from every segment (the newest `placed_at` wins), and
 * what came of making it the workflow's latest order. It holds an order per workflow only until that
 * order is written, so its memory is a few numbers per workflow however many orders are scanned.
 */
export class LatestOrderLedger {
  readonly #workflows = new Map<string, WorkflowEntry>();

  /** A ledger that knows what a checkpoint's run settled. */
  static fromCheckpoint(
    workflows: BackfillCheckpoint['workflows'] = {},
  ): LatestOrderLedger {
    const ledger = new LatestOrderLedger();
    for (const [workflowId, settled] of Object.entries(workflows)) {
      ledger.#workflows.set(workflowId, {
        pendingPlacedAt: settled.placedAt,
        settledPlacedAt: settled.placedAt,
        outcome: settled.outcome,
        indexed: settled.indexed,
      });
    }
    return ledger;
  }

  /**
   * Takes in a page of scanned items placed in the window: returns how many were readable orders and
   * how many were not (items of another writer's schema, of another table, placed in the future).
   * Guards are neither; the Scan's filter keeps latest-order items out.
   */
  fold(
    items: readonly TableItem[],
    nowSeconds: number,
  ): { orders: number; malformed: number } {
    const { partitionKey, guard } = ordersTable;
    let orders = 0;
    let malformed = 0;
    for (const item of items) {
      const workflowId = String(item[partitionKey]);
      if (workflowId.startsWith(guard.partitionPrefix)) continue;
      const parsed = workflowOrderRecordSchema.safeParse(item);
      if (
        !parsed.success ||
        parsed.data.placed_at > nowSeconds + FUTURE_SLACK_SECONDS
      ) {
        malformed += 1;
        continue;
      }
      orders += 1;
      const placedAt = parsed.data.placed_at;
      const entry = this.#workflows.get(workflowId);
      if (!entry) {
        this.#workflows.set(workflowId, {
          pending: item,
          pendingPlacedAt: placedAt,
          indexed: false,
        });
      } else if (entry.pendingPlacedAt < placedAt) {
        entry.pending = item;
        entry.pendingPlacedAt = placedAt;
      }
    }
    return { orders, malformed };
  }

  /** Workflows whose newest order found is newer than the one made their latest order. */
  pending(): PendingLatestOrder[] {
    const found: PendingLatestOrder[] = [];
    for (const [workflowId, entry] of this.#workflows) {
      if (entry.pending) {
        found.push({
          workflowId,
          order: entry.pending,
          placedAt: entry.pendingPlacedAt,
        });
      }
    }
    return found;
  }

  /** Records that `placedAt`'s order is (or already was) the workflow's latest order. */
  settle(
    workflowId: string,
    placedAt: number,
    outcome: LatestOrderOutcome,
    indexed: boolean,
  ): void {
    const entry = this.#workflows.get(workflowId);
    if (!entry) return;
    // A newer order found while this one was being written stays pending.
    if (entry.pendingPlacedAt === placedAt) entry.pending = undefined;
    entry.settledPlacedAt = Math.max(
      entry.settledPlacedAt ?? placedAt,
      placedAt,
    );
    entry.outcome = entry.outcome === 'written' ? 'written' : outcome;
    entry.indexed ||= indexed;
  }

  /** Workflows with at least one readable order so far. */
  get workflows(): number {
    return this.#workflows.size;
  }

  /** Workflows with at least one readable order, and what came of each. */
  counts(): {
    workflows: number;
    written: number;
    current: number;
    indexed: number;
  } {
    const entries = [...this.#workflows.values()];
    return {
      workflows: entries.length,
      written: entries.filter(e => e.outcome === 'written').length,
      current: entries.filter(e => e.outcome === 'current').length,
      indexed: entries.filter(e => e.indexed).length,
    };
  }

  /** The settled workflows, as a checkpoint keeps them. */
  toCheckpoint(): BackfillCheckpoint['workflows'] {
    const workflows: BackfillCheckpoint['workflows'] = {};
    for (const [workflowId, entry] of this.#workflows) {
      if (entry.settledPlacedAt === undefined || !entry.outcome) continue;
      workflows[workflowId] = {
        placedAt: entry.settledPlacedAt,
        outcome: entry.outcome,
        indexed: entry.indexed,
      };
    }
    return workflows;
  }
}
