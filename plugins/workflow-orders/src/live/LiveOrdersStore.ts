import { ResponseError } from '@backstage/errors';
import {
  LatestOrderItem,
  LiveTabOrders,
  MAX_LIVE_TABS,
  liveOrdersHintSchema,
  normalizeWorkflowId,
} from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi } from '../api';
import { isPageVisible } from '../hooks/polling';

/** How often `/live/changes` is asked while a screen listens; it keeps the backend watching. */
export const LEASE_RENEWAL_MS = 30_000;

/**
 * How often a live screen still reloads what it shows, so that orders that aged out of the 7 days
 * leave its counts; pushes bring everything new in between.
 */
export const LIVE_POLL_INTERVAL_MS = 10 * 60_000;

/**
 * How a screen learns of new orders: `live` while pushes reach it, `polling` when the app has no
 * signals, the socket seems down or the backend does not answer `/live/changes`.
 */
export type LiveMode = 'live' | 'polling';

/**
 * What listening screens are told: the new latest orders of the workflows that changed (one event
 * per push or answer of `/live/changes`, so a burst of orders is one event), with a push the new
 * orders of the Orders tabs shown (by workflow id); or that they should reload what they show
 * because the backend could not say everything that changed.
 */
export type LiveOrdersEvent =
  | {
      type: 'changes';
      changes: LatestOrderItem[];
      tabs?: Record<string, LiveTabOrders>;
    }
  | { type: 'reload' };

/** A screen's handler of {@link LiveOrdersEvent}s. */
export type LiveOrdersListener = (event: LiveOrdersEvent) => void;

/** What the store knows of the backend's `/live/changes`. */
type RouteState = 'unknown' | 'answering' | 'failing' | 'missing';

/**
 * The one source of live updates of the app. The backend pushes the changes a user may see on the
 * signals channel to browsers that watch; a push that follows the last sequence read is applied as
 * it comes. Anything else (a gap, a push without changes) becomes a
 * `GET /live/changes?after=<sequence>` request, one at a time: pushes that arrive while a request is
 * under way are answered by one more request. While a screen listens it renews the backend's watch
 * every 30 s, and with the same request catches up on pushes it did not get; a tab that was hidden
 * catches up with one request when shown again.
 */
export class LiveOrdersStore {
  private readonly listeners = new Set<LiveOrdersListener>();
  /** The workflow of each listening Orders tab. */
  private readonly tabs = new Map<LiveOrdersListener, string>();
  private readonly modeListeners = new Set<() => void>();
  private signalsAvailable = false;
  private route: RouteState = 'unknown';
  /** True when the backend moved on without a hint reaching this browser. */
  private hintsMissing = false;
  /** The sequence the last answer reached; undefined until one is read. */
  private sequence: number | undefined;
  /** The highest sequence a hint announced. */
  private hinted = -1;
  private requesting = false;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private mode: LiveMode = 'polling';

  constructor(
    private readonly api: WorkflowOrdersApi,
    private readonly renewalMs: number = LEASE_RENEWAL_MS,
  ) {}

  /** The current mode; the same value until it changes. */
  getMode = (): LiveMode => this.mode;

  /** Calls `onChange` whenever the mode changes. */
  subscribeMode = (onChange: () => void): (() => void) => {
    this.modeListeners.add(onChange);
    return () => {
      this.modeListeners.delete(onChange);
    };
  };

  /** Whether the app has a signals API; without one the store asks the backend nothing. */
  setSignalsAvailable(available: boolean): void {
    if (this.signalsAvailable === available) return;
    this.signalsAvailable = available;
    this.updateMode();
    if (available && this.listeners.size > 0) this.requestSoon();
  }

  /**
   * A screen starts listening; the returned function stops it. An Orders tab names its workflow
   * (`tab`), so that pushes carry its new orders: the backend learns of it at once.
   */
  listen(
    listener: LiveOrdersListener,
    options: { tab?: string } = {},
  ): () => void {
    this.listeners.add(listener);
    const newTab =
      options.tab !== undefined &&
      !this.shownTabs().includes(normalizeWorkflowId(options.tab));
    if (options.tab !== undefined) {
      this.tabs.set(listener, normalizeWorkflowId(options.tab));
    }
    if (this.listeners.size === 1) {
      document.addEventListener('visibilitychange', this.onVisibilityChange);
      this.requestSoon();
    } else if (newTab && this.sequence !== undefined) {
      this.requestSoon();
    }
    return () => {
      this.listeners.delete(listener);
      this.tabs.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** The workflows of the Orders tabs listening, at most as many as the backend takes. */
  private shownTabs(): string[] {
    return [...new Set(this.tabs.values())].slice(0, MAX_LIVE_TABS);
  }

  /**
   * A message of the signals channel. One that carries the changes following the sequence last
   * read is applied at once, with no request; one of a newer sequence without them (or after a
   * gap) is turned into a request; anything else is ignored.
   */
  hint(message: unknown): void {
    const parsed = liveOrdersHintSchema.safeParse(message);
    if (!parsed.success) return;
    const { sequence, after, changes, tabs } = parsed.data;
    this.hinted = Math.max(this.hinted, sequence);
    if (this.hintsMissing) {
      this.hintsMissing = false;
      this.updateMode();
    }
    if (this.sequence === undefined || sequence <= this.sequence) return;
    if (
      changes &&
      after === this.sequence &&
      !this.requesting &&
      this.listeners.size > 0
    ) {
      this.sequence = sequence;
      if (changes.length > 0) this.emit({ type: 'changes', changes, tabs });
      return;
    }
    this.requestSoon();
  }

  private readonly onVisibilityChange = () => {
    if (isPageVisible()) this.requestSoon();
  };

  /** Asks once the hints of this moment are in: the hints of one burst share one request. */
  private requestSoon(): void {
    this.hintTimer ??= setTimeout(() => {
      this.hintTimer = undefined;
      this.request({ renewal: false });
    }, 0);
  }

  private canRequest(): boolean {
    return (
      this.listeners.size > 0 &&
      this.signalsAvailable &&
      this.route !== 'missing' &&
      isPageVisible()
    );
  }

  private async request({ renewal }: { renewal: boolean }): Promise<void> {
    // An answer under way is followed by one more request when a newer hint came meanwhile.
    if (this.requesting || !this.canRequest()) return;
    this.requesting = true;
    clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
    const after = this.sequence;
    try {
      const answer = await this.api.getLiveChanges({
        after,
        tabs: this.shownTabs(),
      });
      if (this.listeners.size === 0) return;
      // A renewal that finds changes no hint announced: the socket is down or drops messages.
      if (renewal && after !== undefined) {
        this.hintsMissing = answer.sequence > Math.max(after, this.hinted);
      }
      this.sequence = answer.sequence;
      this.route = 'answering';
      this.updateMode();
      if (after !== undefined && !answer.complete) {
        this.emit({ type: 'reload' });
      } else if (after !== undefined && answer.changes.length > 0) {
        this.emit({ type: 'changes', changes: answer.changes });
      }
    } catch (error) {
      // A backend without live updates answers 404: it will not start answering, so ask no more.
      const missing =
        error instanceof ResponseError && error.statusCode === 404;
      this.route = missing ? 'missing' : 'failing';
      this.updateMode();
    } finally {
      this.requesting = false;
      this.next();
    }
  }

  /** After an answer: a request for the hints that came meanwhile, else the next renewal. */
  private next(): void {
    if (!this.canRequest()) return;
    if (
      this.route === 'answering' &&
      this.sequence !== undefined &&
      this.hinted > this.sequence
    ) {
      this.requestSoon();
      return;
    }
    this.renewTimer = setTimeout(() => {
      this.renewTimer = undefined;
      this.request({ renewal: true });
    }, this.renewalMs);
  }

  private emit(event: LiveOrdersEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** No screen listens: the backend's watch lapses, and the next screen starts afresh. */
  private stop(): void {
    clearTimeout(this.hintTimer);
    clearTimeout(this.renewTimer);
    this.hintTimer = undefined;
    this.renewTimer = undefined;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.sequence = undefined;
    this.hinted = -1;
    this.hintsMissing = false;
    if (this.route !== 'missing') this.route = 'unknown';
    this.updateMode();
  }

  private updateMode(): void {
    const mode: LiveMode =
      this.signalsAvailable && this.route === 'answering' && !this.hintsMissing
        ? 'live'
        : 'polling';
    if (mode === this.mode) return;
    this.mode = mode;
    this.modeListeners.forEach(onChange => onChange());
  }
}
