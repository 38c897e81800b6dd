import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  HIDDEN,
  mockStore,
  readsWith,
  storedRecord,
  trader,
  VISIBLE,
} from '../__testUtils__/access';
import type { OrderPage } from '../database/OrderStore';
import { SharedFirstPages } from './SharedFirstPages';

const FIRST = { workflowId: VISIBLE, limit: 20 };

/** A store whose history answers a new page (its order id counting the reads) on every call. */
function countingStore() {
  const store = mockStore();
  let reads = 0;
  store.getHistory.mockImplementation(async () => {
    reads += 1;
    return {
      orders: [storedRecord({ id: `read-${reads}` })],
      totalCount: 1,
    };
  });
  return store;
}

/** The order id of a page: which read of the store answered it. */
const readOf = (page: OrderPage) => page.orders[0].id;

describe('SharedFirstPages', () => {
  let now = 0;
  const shared = () => new SharedFirstPages({ ttlMs: 2000, now: () => now });

  beforeEach(() => {
    now = Date.parse('2026-12-04T09:00:00Z');
  });

  it('answers callers asking at once and within the interval with one read', async () => {
    const store = countingStore();
    const pages = shared().wrap(store);

    const together = await Promise.all([
      pages.getHistory(FIRST),
      pages.getHistory(FIRST),
    ]);
    now += 1500;
    const later = await pages.getHistory(FIRST);
    now += 1000;
    const afterInterval = await pages.getHistory(FIRST);

    expect([...together, later, afterInterval].map(readOf)).toEqual([
      'read-1',
      'read-1',
      'read-1',
      'read-2',
    ]);
  });

  it('reads a workflow again once the watcher saw a new order of it', async () => {
    const store = countingStore();
    const firstPages = shared();
    const pages = firstPages.wrap(store);
    const other = { ...FIRST, workflowId: HIDDEN };
    await Promise.all([pages.getHistory(FIRST), pages.getHistory(other)]);

    firstPages.invalidate([VISIBLE]);
    const answers = await Promise.all([
      pages.getHistory(FIRST),
      pages.getHistory(other),
    ]);

    expect(answers.map(readOf)).toEqual(['read-3', 'read-2']);
  });

  it('shares each filter and sort apart, and never a later page', async () => {
    const store = countingStore();
    const pages = shared().wrap(store);

    const answers = await Promise.all([
      pages.getHistory(FIRST),
      pages.getHistory({ ...FIRST, direction: 'SELL' }),
      pages.getHistory({ ...FIRST, sort: 'oldest' }),
      pages.getHistory({ ...FIRST, afterPlacedAt: 1 }),
      pages.getHistory({ ...FIRST, afterPlacedAt: 1 }),
    ]);

    expect(new Set(answers.map(readOf)).size).toBe(5);
  });

  it('does not share a failed read', async () => {
    const store = countingStore();
    store.getHistory.mockRejectedValueOnce(new Error('DynamoDB is down'));
    const pages = shared().wrap(store);

    await expect(pages.getHistory(FIRST)).rejects.toThrow('DynamoDB is down');
    const next = await pages.getHistory(FIRST);

    expect(readOf(next)).toBe('read-1');
  });

  it('still decides for each caller whether they may read the workflow', async () => {
    const store = countingStore();
    const pages = shared().wrap(store);
    const operations = readsWith({ store: pages });
    const traders = readsWith({ store: pages, policy: trader });
    const context = {
      credentials: mockCredentials.user(),
      via: 'http' as const,
    };
    await operations.reads.history({ ...FIRST, workflowId: HIDDEN }, context);

    const refused = traders.reads.history(
      { ...FIRST, workflowId: HIDDEN },
      context,
    );

    await expect(refused).rejects.toThrow(NotFoundError);
  });

  it('reads every time while nobody watches', async () => {
    const store = countingStore();
    const pages = shared().wrap(store, () => false);

    const answers = await Promise.all([
      pages.getHistory(FIRST),
      pages.getHistory(FIRST),
    ]);

    expect(answers.map(readOf)).toEqual(['read-1', 'read-2']);
  });

  it('passes every other read to the store', async () => {
    const store = mockStore();
    store.getOrder.mockResolvedValue(storedRecord());
    const pages = shared().wrap(store);

    const order = await pages.getOrder({ orderId: 'order-1' });

    expect({ order, latestSince: pages.getLatestOrdersSince }).toEqual({
      order: storedRecord(),
      latestSince: undefined,
    });
  });
});
