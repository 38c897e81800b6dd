import type { EventEmitter } from 'node:events';

/** Answers `path` of the API as `user` (GET, or POST with `body`). */
export type Get = (
  path: string,
  user?: string,
  body?: unknown,
) => Promise<string>;

/** The lease renewal of the browser's store. */
const RENEWAL_MS = 30_000;

/** Requests the viewers sent so far. */
export const viewerRequests = { count: 0 };

/**
 * A viewer of the Workflow orders page and of the Orders tab of `tab`: asks `/live/changes` once,
 * then applies each push that follows its sequence, and asks (one request at a time, as the
 * browser's store does) after any other and every 30 s; asks the tab's first page when `tab`
 * changed; reports each change's order id with when the push that carried it arrived.
 */
export function startViewer(
  get: Get,
  bus: EventEmitter,
  user: string,
  tab: string,
  onChange?: (orderId: string, hintAt: number) => void,
) {
  let sequence: number | undefined;
  let busy = false;
  /** A push that came during a request: when, and the sequence it reached. */
  let pending: { at: number; sequence: number } | undefined;
  /** The `placed_at` of the newest order the viewer's tab shows. */
  let newestShown: string | undefined;
  const loadTab = async () => {
    viewerRequests.count += 1;
    const page = JSON.parse(
      await get(`/workflows/${tab}/orders?limit=20`, user),
    );
    newestShown = page.orders[0]?.placed_at;
  };
  const changed = async (
    changes: Array<{ id: string; workflow_id: string }>,
    at: number,
    tabs?: Record<
      string,
      { since: string; orders: Array<{ placed_at: string }> }
    >,
  ) => {
    for (const change of changes) onChange?.(change.id, at);
    if (!changes.some(change => change.workflow_id === tab)) return;
    // As the Orders tab does: the new orders of a push that follow those shown are added as they
    // are; otherwise the page is loaded again.
    const pushed = tabs?.[tab];
    if (pushed && pushed.orders.length > 0 && pushed.since === newestShown) {
      newestShown = pushed.orders[0].placed_at;
      return;
    }
    await loadTab();
  };
  const ask = async (hintAt: number, pushed = 0) => {
    if (busy) {
      pending = {
        at: hintAt,
        sequence: Math.max(pushed, pending?.sequence ?? 0),
      };
      return;
    }
    busy = true;
    try {
      const after = sequence === undefined ? '' : `&after=${sequence}`;
      viewerRequests.count += 1;
      const body = JSON.parse(
        await get(`/live/changes?tab=${tab}${after}`, user),
      );
      sequence = body.sequence;
      await changed(body.changes, hintAt);
    } finally {
      busy = false;
    }
    // As the browser's store does: one more request only for a push the answer did not reach.
    const next = pending;
    pending = undefined;
    if (next && next.sequence > (sequence ?? 0)) await ask(next.at);
  };
  const onPush = (message: {
    sequence: number;
    after?: number;
    changes?: Array<{ id: string; workflow_id: string }>;
    tabs?: Record<
      string,
      { since: string; orders: Array<{ placed_at: string }> }
    >;
  }) => {
    const at = performance.now();
    if (sequence === undefined || message.sequence <= sequence) return;
    if (message.changes && message.after === sequence && !busy) {
      sequence = message.sequence;
      void changed(message.changes, at, message.tabs).catch(() => {});
      return;
    }
    void ask(at, message.sequence).catch(() => {});
  };
  bus.on(user, onPush);
  // Browsers open their screens at different moments, so their renewals are spread over 30 s.
  const renew = () => void ask(performance.now()).catch(() => {});
  let renewal: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    renew();
    renewal = setInterval(renew, RENEWAL_MS);
  }, Math.random() * RENEWAL_MS);
  return {
    ready: loadTab().then(() => ask(performance.now())),
    stop: () => {
      bus.off(user, onPush);
      clearTimeout(first);
      clearInterval(renewal);
    },
  };
}
