import type { LoggerService } from '@backstage/backend-plugin-api';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type { LatestOrdersSince } from '../database/OrderStore';
import { ChangeBuffer, type ChangesSince } from './ChangeBuffer';
import type { LivePush } from './LiveViewers';

/** How long one `GET /live/changes` keeps the watcher reading, in milliseconds. */
export const LIVE_LEASE_MS = 60_000;
/** Workflows whose latest order the watcher remembers, to tell which orders are new. */
const MAX_LAST_SEEN = 100_000;
/** The longest wait between two reads while the index cannot be read, in milliseconds. */
export const MAX_BACKOFF_MS = 30_000;
/**
 * Each read goes back this many seconds before the newest `placed_at` seen, so that a latest order
 * indexed late (a writer's clock behind, a projector catching up) or placed at the same time as
 * the newest is still found; what was seen already is not reported twice.
 */
export const LOOKBACK_SECONDS = 10;

/** Options of {@link LatestOrderWatcher}. */
export interface LatestOrderWatcherOptions {
  /** Reads the latest orders placed since a time, newest first (the store's latest-orders index). */
  readonly readSince: (options: {
    since: number;
    limit: number;
  }) => Promise<LatestOrdersSince>;
  /** Where each read that found changes goes ({@link LiveViewers.push}); it must not throw. */
  readonly push: (push: LivePush) => Promise<void>;
  readonly logger: LoggerService;
  /** How often the index is read while someone watches, in milliseconds. */
  readonly intervalMs: number;
  /** Changes kept at most. */
  readonly bufferSize: number;
  /** Told of each read's new latest orders, before they are pushed. */
  readonly onChanges?: (orders: readonly WorkflowOrderRecord[]) => void;
  /** How long a {@link LatestOrderWatcher.watch} keeps the watcher reading. @default LIVE_LEASE_MS */
  readonly leaseMs?: number;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/**
 * Learns of new orders for one backend instance, whatever the number of viewers: while someone
 * watches (each {@link LatestOrderWatcher.watch} renews a lease), it reads the latest-orders index
 * once per interval for the latest orders placed since the newest it saw, keeps each workflow's new
 * latest order in a bounded {@link ChangeBuffer}, and pushes each read that found any.
 * When the index cannot be read it waits twice as long each time (up to 30 s), logs once when that
 * starts and once when it ends, and then reads from where it stopped, so no workflow is missed.
 * Nothing is read while nobody watches.
 */
export class LatestOrderWatcher {
  private readonly buffer: ChangeBuffer;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private leaseUntil = 0;
  private running = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  /** The newest `placed_at` seen, or when watching began; reads start a lookback before it. */
  private watermark = 0;
  /** Latest orders placed up to this time are those before watching began, not changes. */
  private baselineUntil?: number;
  /** The `placed_at` of each workflow's latest order seen within the lookback. */
  private readonly seen = new Map<string, number>();
  /**
   * The `placed_at` of each workflow's latest order seen while watching, the most recently seen
   * kept: a new latest order follows it, so the orders between are those placed after it.
   */
  private readonly lastSeen = new Map<string, number>();
  private backoffMs = 0;
  /** When the index could last not be read, while it cannot. */
  private failingSince?: number;

  constructor(private readonly options: LatestOrderWatcherOptions) {
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? LIVE_LEASE_MS;
    this.buffer = new ChangeBuffer(options.bufferSize, this.now());
  }

  /** How often the index is read while someone watches, in seconds. */
  get intervalSeconds(): number {
    return this.options.intervalMs / 1000;
  }

  /** Whether the index is being read: someone watches, and the watcher was not stopped. */
  get watching(): boolean {
    return this.running && !this.stopped;
  }

  /** The sequence of the newest change. */
  get sequence(): number {
    return this.buffer.sequence;
  }

  /**
   * Renews the lease: the index is read for another lease. When nobody watched, reading starts
   * now, and every change before is taken as unknown (a reader of an earlier sequence reloads).
   */
  watch(): void {
    if (this.stopped) return;
    this.leaseUntil = this.now() + this.leaseMs;
    if (this.running) return;
    this.running = true;
    this.buffer.interrupt();
    this.seen.clear();
    this.lastSeen.clear();
    this.watermark = this.now() / 1000;
    this.baselineUntil = this.watermark;
    this.schedule(0);
  }

  /** The changes after `after`, each workflow's newest latest order ({@link ChangeBuffer.since}). */
  changesSince(after: number): ChangesSince {
    return this.buffer.since(after);
  }

  /** Stops reading, and waits for a read under way to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.reading;
  }

  private schedule(delayMs: number) {
    this.timer = setTimeout(() => {
      this.reading = this.tick();
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.now() >= this.leaseUntil) {
      this.running = false;
      return;
    }
    let delayMs = this.options.intervalMs;
    try {
      await this.read();
      this.recovered();
    } catch (error) {
      this.backoffMs = Math.min(
        MAX_BACKOFF_MS,
        Math.max(this.backoffMs, this.options.intervalMs) * 2,
      );
      delayMs = this.backoffMs;
      this.failed(error as Error);
    }
    if (!this.stopped) this.schedule(delayMs);
  }

  /** One read of the index: the latest orders since the watermark that were not seen yet. */
  private async read(): Promise<void> {
    const { orders, more } = await this.options.readSince({
      since: this.watermark - LOOKBACK_SECONDS,
      // What was seen within the lookback is read again, besides as many changes as are kept.
      limit: this.options.bufferSize + this.seen.size,
    });
    const changes: WorkflowOrderRecord[] = [];
    const priors = new Map<string, number>();
    // An order placed in the future (a writer's clock far ahead) does not move the watermark past
    // now, or the orders placed meanwhile would be read no more.
    const nowSeconds = this.now() / 1000;
    for (const order of orders) {
      const known = this.seen.get(order.workflow_id);
      if (known !== undefined && known >= order.placed_at) continue;
      this.seen.set(order.workflow_id, order.placed_at);
      const prior = this.lastSeen.get(order.workflow_id);
      this.lastSeen.delete(order.workflow_id);
      this.lastSeen.set(order.workflow_id, order.placed_at);
      if (this.lastSeen.size > MAX_LAST_SEEN) {
        this.lastSeen.delete(this.lastSeen.keys().next().value!);
      }
      this.watermark = Math.max(
        this.watermark,
        Math.min(order.placed_at, nowSeconds),
      );
      if (
        this.baselineUntil === undefined ||
        order.placed_at > this.baselineUntil
      ) {
        changes.push(order);
        if (prior !== undefined) priors.set(order.workflow_id, prior);
      }
    }
    this.baselineUntil = undefined;
    for (const [workflowId, placedAt] of this.seen) {
      if (placedAt < this.watermark - LOOKBACK_SECONDS) {
        this.seen.delete(workflowId);
      }
    }
    const after = this.buffer.sequence;
    // Rows past the limit were not read: changes before this read are not all known.
    if (more) this.buffer.interrupt();
    if (changes.length === 0) return;
    this.options.onChanges?.(changes);
    const sequence = this.buffer.append([...changes].reverse());
    await this.options.push({
      sequence,
      delta: more ? undefined : { after, orders: changes, priors },
    });
  }

  private failed(error: Error) {
    if (this.failingSince !== undefined) return;
    this.failingSince = this.now();
    this.options.logger.warn(
      `Live updates paused: the latest orders cannot be read (${error.message}); retrying every ` +
        `${this.backoffMs / 1000} s and more rarely, up to ${MAX_BACKOFF_MS / 1000} s`,
    );
  }

  private recovered() {
    this.backoffMs = 0;
    if (this.failingSince === undefined) return;
    const seconds = Math.round((this.now() - this.failingSince) / 1000);
    this.failingSince = undefined;
    this.options.logger.info(
      `Live updates resumed after ${seconds} s: orders placed since ${new Date(
        this.watermark * 1000,
      ).toISOString()} were read`,
    );
  }
}
