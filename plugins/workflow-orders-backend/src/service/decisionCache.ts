import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** How long and for how many callers decisions are kept. */
export interface DecisionCacheOptions {
  /** How long one caller's decisions are reused, in milliseconds; 0 keeps nothing. */
  readonly ttlMs: number;
  /** Callers kept at most; the least recently used go first. */
  readonly maxSize: number;
  /** The current time in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** Workflow ids whose single decisions one caller's entry keeps at most. */
const MAX_IDS_PER_CALLER = 10_000;

/** What is kept for one caller until `expiresAt`. */
export interface CallerDecisions<All, One> {
  readonly expiresAt: number;
  /** The decision for every workflow, once asked for. */
  all?: Promise<All>;
  /** Decisions of single workflows, when the one for every workflow was not asked for. */
  readonly ids: Map<string, One>;
}

/** Who the caller is, as a cache key; undefined for a caller whose decisions are not kept. */
export function identityOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

/**
 * Keeps each caller's access decisions for a short time, so the pages and cards a person opens
 * together cost one catalog query and one authorization between them. Bounded: at most `maxSize`
 * callers (least recently used dropped first) and {@link MAX_IDS_PER_CALLER} single decisions each.
 */
export class DecisionCache<All, One> {
  private readonly entries = new Map<string, CallerDecisions<All, One>>();
  private readonly now: () => number;

  constructor(private readonly options: DecisionCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The caller's live entry, made when missing; undefined when nothing may be kept for them. */
  entryOf(
    credentials: BackstageCredentials,
  ): CallerDecisions<All, One> | undefined {
    const key = identityOf(credentials);
    if (key === undefined || this.options.ttlMs <= 0) return undefined;
    const now = this.now();
    let entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { expiresAt: now + this.options.ttlMs, ids: new Map() };
    }
    // Re-inserted: the map's first key is the least recently used.
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxSize) {
      const [oldest] = this.entries.keys();
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** Keeps single decisions in an entry, forgetting the others when it holds too many. */
  keep(
    entry: CallerDecisions<All, One>,
    decisions: Iterable<readonly [string, One]>,
  ) {
    for (const [id, decision] of decisions) {
      if (entry.ids.size >= MAX_IDS_PER_CALLER) entry.ids.clear();
      entry.ids.set(id, decision);
    }
  }

  /** Callers currently kept. */
  get size(): number {
    return this.entries.size;
  }
}
