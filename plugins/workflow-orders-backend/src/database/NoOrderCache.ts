/**
 * Remembers, for a while, the workflows a query found without orders, so the workflows list does
 * not query them on every page load. Holds at most `maxSize` workflows and forgets the oldest first.
 */
export class NoOrderCache {
  /** Workflow id → epoch ms until which "no order" stands, in the order they were remembered. */
  private readonly until = new Map<string, number>();

  constructor(
    private readonly options: {
      /** How long "no order" stands; 0 remembers nothing. */
      readonly ttlMs: number;
      /** Workflows remembered at most. */
      readonly maxSize: number;
    },
  ) {}

  /** Whether the workflow was found without orders less than `ttlMs` before `nowMs`. */
  hasNoOrder(workflowId: string, nowMs: number): boolean {
    return (this.until.get(workflowId) ?? 0) > nowMs;
  }

  /** Records what a query found at `nowMs`: an order forgets the workflow, none remembers it. */
  record(workflowId: string, found: boolean, nowMs: number): void {
    this.until.delete(workflowId);
    if (found || this.options.ttlMs === 0) return;
    if (this.until.size >= this.options.maxSize) {
      const [oldest] = this.until.keys();
      this.until.delete(oldest);
    }
    this.until.set(workflowId, nowMs + this.options.ttlMs);
  }

  /** Workflows currently remembered, expired ones included until they are recorded again. */
  get size(): number {
    return this.until.size;
  }
}
