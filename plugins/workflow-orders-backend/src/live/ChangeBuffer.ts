import type { WorkflowOrderRecord } from '@workflow-orders/table';

/** What changed after a sequence, as {@link ChangeBuffer.since} answers it. */
export interface ChangesSince {
  /** The buffer's sequence: where the next request continues from. */
  readonly sequence: number;
  /** False when changes after the sequence asked about are no longer (or never were) held. */
  readonly complete: boolean;
  /** Each changed workflow's newest latest order, newest first. */
  readonly orders: WorkflowOrderRecord[];
}

/**
 * The workflows' new latest orders, each under a sequence one higher than the last, the
 * `maxSize` newest kept. The sequence starts at `start` (the time the process started, in
 * milliseconds, so that a sequence of a process before a restart is below that of any later one);
 * changes at or before the `floor` are not all held, since they were dropped or nobody watched.
 */
export class ChangeBuffer {
  private entries: Array<{ sequence: number; order: WorkflowOrderRecord }> = [];
  private head = 0;
  private current: number;
  private floor: number;

  constructor(
    private readonly maxSize: number,
    start: number,
  ) {
    this.current = start;
    this.floor = start;
  }

  /** The sequence of the newest change. */
  get sequence(): number {
    return this.current;
  }

  /** Keeps `orders` as changes, the oldest dropped past the bound; answers the new sequence. */
  append(orders: readonly WorkflowOrderRecord[]): number {
    for (const order of orders) {
      this.current += 1;
      this.entries.push({ sequence: this.current, order });
    }
    const excess = this.entries.length - this.head - this.maxSize;
    if (excess > 0) {
      this.head += excess;
      this.floor = this.entries[this.head - 1].sequence;
    }
    // Dropped entries are released in one splice once they are half the array.
    if (this.head > this.entries.length / 2) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return this.current;
  }

  /**
   * Forgets every change held and moves the sequence on: the next changes are not known to follow
   * them (nobody watched in between, or some were not read), so a reader of an earlier sequence
   * must reload.
   */
  interrupt(): void {
    this.entries = [];
    this.head = 0;
    this.current += 1;
    this.floor = this.current;
  }

  /**
   * The changes after `after`, the newest latest order of each workflow; `complete: false` when
   * `after` is before the changes held or beyond the sequence (another process answered it).
   */
  since(after: number): ChangesSince {
    const sequence = this.current;
    if (after < this.floor || after > sequence) {
      return { sequence, complete: false, orders: [] };
    }
    const newest = new Map<string, WorkflowOrderRecord>();
    for (let index = this.entries.length - 1; index >= this.head; index -= 1) {
      const { sequence: at, order } = this.entries[index];
      if (at <= after) break;
      if (!newest.has(order.workflow_id)) newest.set(order.workflow_id, order);
    }
    const orders = [...newest.values()].sort(
      (a, b) => b.placed_at - a.placed_at,
    );
    return { sequence, complete: true, orders };
  }
}
