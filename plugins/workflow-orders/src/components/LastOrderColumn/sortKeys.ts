import { normalizeWorkflowId } from '@workflow-orders/plugin-workflow-orders-common';

/**
 * When each workflow of a list last ordered, as its cells learn it, so the column can sort by it.
 * The catalog's table sorts the rows it holds with a comparator; the cells load the summaries, so
 * they record each answer here and the comparator reads it.
 */
export class LastOrderSortKeys {
  private readonly times = new Map<string, number | null>();

  /** Records a workflow's last order time; `null` or `undefined` for one that placed none. */
  record(workflowId: string, placedAt: string | null | undefined): void {
    const time = placedAt ? Date.parse(placedAt) : NaN;
    this.times.set(
      normalizeWorkflowId(workflowId),
      Number.isNaN(time) ? null : time,
    );
  }

  /** Orders two workflows by last order, older first: unknown, then no orders, then by time. */
  compare(a: string | undefined, b: string | undefined): number {
    const x = this.keyOf(a);
    const y = this.keyOf(b);
    if (x === y) return 0;
    return x < y ? -1 : 1;
  }

  /** A workflow's last order time; -1 for one without orders, -2 for one not known yet. */
  private keyOf(workflowId: string | undefined): number {
    const time = workflowId
      ? this.times.get(normalizeWorkflowId(workflowId))
      : undefined;
    if (time === undefined) return -2;
    return time ?? -1;
  }
}
