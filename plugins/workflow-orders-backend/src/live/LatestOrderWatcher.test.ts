import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { storedRecord } from '../__testUtils__/access';
import { LatestOrderWatcher } from './LatestOrderWatcher';
import type { LivePush } from './LiveViewers';

const START = Date.parse('2026-12-04T09:00:00Z');
const INTERVAL_MS = 2000;
const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';
const W3 = '33333333-3333-4333-8333-333333333333';

/** The latest-orders index as a map, read as the store reads it, and able to fail. */
function fakeIndex() {
  const latest = new Map<string, WorkflowOrderRecord>();
  const index = {
    down: false,
    reads: 0,
    /** A new latest order of `workflowId`, placed now (the fake clock) unless said otherwise. */
    place(workflowId: string, placedAt = Date.now() / 1000) {
      const order = storedRecord({
        id: `${workflowId}-${placedAt}`,
        workflow_id: workflowId,
        placed_at: placedAt,
      });
      latest.set(workflowId, order);
      return order;
    },
    async readSince({ since, limit }: { since: number; limit: number }) {
      index.reads += 1;
      if (index.down) throw new ServiceUnavailableError('DynamoDB is down');
      const rows = [...latest.values()]
        .filter(order => order.placed_at >= since)
        .sort((a, b) => b.placed_at - a.placed_at);
      return { orders: rows.slice(0, limit), more: rows.length > limit };
    },
  };
  return index;
}

/** A watcher over a fake index, what it pushed and its logger; the clock is jest's. */
function watcherOf(options: { bufferSize?: number } = {}) {
  const index = fakeIndex();
  const hints: LivePush[] = [];
  const logger = mockServices.logger.mock();
  const watcher = new LatestOrderWatcher({
    readSince: query => index.readSince(query),
    push: async push => {
      hints.push(push);
    },
    logger,
    intervalMs: INTERVAL_MS,
    bufferSize: options.bufferSize ?? 100,
  });
  return { watcher, index, hints, logger };
}

/** The workflows of the changes after `after`, in the order answered. */
const changedAfter = (watcher: LatestOrderWatcher, after: number) => {
  const { complete, orders } = watcher.changesSince(after);
  return { complete, workflows: orders.map(order => order.workflow_id) };
};

describe('LatestOrderWatcher', () => {
  let stopWatcher: (() => Promise<void>) | undefined;

  beforeEach(() => {
    jest.useFakeTimers({ now: START });
  });

  afterEach(async () => {
    await stopWatcher?.();
    jest.useRealTimers();
  });

  /** A watcher of {@link watcherOf}, stopped after the test. */
  const started = (options?: { bufferSize?: number }) => {
    const parts = watcherOf(options);
    stopWatcher = () => parts.watcher.stop();
    return parts;
  };

  it('reads nothing while nobody watches, and stops reading when the lease ends', async () => {
    const { watcher, index } = started();

    await jest.advanceTimersByTimeAsync(10 * 60_000);
    const unwatched = index.reads;
    watcher.watch();
    await jest.advanceTimersByTimeAsync(30_000);
    const watched = index.reads;
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    const readsAfterLease = index.reads - watched;
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect({ unwatched, readsWhileWatched: watched > 1 }).toEqual({
      unwatched: 0,
      readsWhileWatched: true,
    });
    expect(index.reads).toBe(watched + readsAfterLease);
  });

  it('pushes each read that found new latest orders once: the sequences and the orders, newest first', async () => {
    const { watcher, index, hints } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    const first = index.place(W1, START / 1000 + 1);
    const second = index.place(W2, START / 1000 + 2);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await jest.advanceTimersByTimeAsync(3 * INTERVAL_MS);

    const third = index.place(W1, START / 1000 + 9);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);

    expect(hints).toEqual([
      {
        sequence: before + 2,
        delta: { after: before, orders: [second, first], priors: new Map() },
      },
      {
        sequence: before + 3,
        delta: {
          after: before + 2,
          orders: [third],
          // W1's latest order before: the orders placed after it are W1's new ones.
          priors: new Map([[W1, START / 1000 + 1]]),
        },
      },
    ]);
    expect(changedAfter(watcher, before)).toEqual({
      complete: true,
      workflows: [W1, W2],
    });
  });

  it('answers each workflow once, with its newest order, newest first', async () => {
    const { watcher, index } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    index.place(W1, START / 1000 + 1);
    index.place(W2, START / 1000 + 2);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const newest = index.place(W1, START / 1000 + 3);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);

    const { orders } = watcher.changesSince(before);
    expect(orders.map(order => [order.workflow_id, order.id])).toEqual([
      [W1, newest.id],
      [W2, `${W2}-${START / 1000 + 2}`],
    ]);
  });

  it('still finds new orders after one placed far in the future', async () => {
    const { watcher, index } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    index.place(W1, START / 1000 + 86_400);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    index.place(W2);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);

    expect(changedAfter(watcher, before)).toEqual({
      complete: true,
      workflows: [W1, W2],
    });
  });

  it('takes the latest orders placed before watching began as known, not as changes', async () => {
    const { watcher, index, hints } = started();
    index.place(W1, START / 1000 - 5);
    watcher.watch();
    const before = watcher.sequence;

    await jest.advanceTimersByTimeAsync(5 * INTERVAL_MS);

    expect({ hints, changes: changedAfter(watcher, before) }).toEqual({
      hints: [],
      changes: { complete: true, workflows: [] },
    });
  });

  it('answers complete: false to a reader behind the changes it still holds', async () => {
    const { watcher, index } = started({ bufferSize: 2 });
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    for (const workflowId of [W1, W2, W3]) {
      index.place(workflowId);
      await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    }

    expect(changedAfter(watcher, before)).toEqual({
      complete: false,
      workflows: [],
    });
    expect(changedAfter(watcher, before + 1)).toEqual({
      complete: true,
      workflows: [W3, W2],
    });
  });

  it('pushes only the sequence after a read that could not hold every change', async () => {
    const { watcher, index, hints } = started({ bufferSize: 2 });
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    for (const workflowId of [W1, W2, W3]) index.place(workflowId);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);

    expect(hints).toEqual([{ sequence: watcher.sequence }]);
    expect(changedAfter(watcher, before).complete).toBe(false);
  });

  it('answers complete: false to a sequence of an earlier process or beyond its own', async () => {
    const earlier = watcherOf();
    earlier.watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    earlier.index.place(W1);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const earlierSequence = earlier.watcher.sequence;
    await earlier.watcher.stop();

    await jest.advanceTimersByTimeAsync(60_000);
    const { watcher } = started();
    watcher.watch();

    expect([
      changedAfter(watcher, earlierSequence),
      changedAfter(watcher, watcher.sequence + 5),
      changedAfter(watcher, watcher.sequence),
    ]).toEqual([
      { complete: false, workflows: [] },
      { complete: false, workflows: [] },
      { complete: true, workflows: [] },
    ]);
  });

  it('answers complete: false to a reader from before a time nobody watched', async () => {
    const { watcher, index } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    await jest.advanceTimersByTimeAsync(5 * 60_000);
    index.place(W1);
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);

    expect(changedAfter(watcher, before).complete).toBe(false);
  });

  it('backs off during an outage, logs it once, and then reports every workflow it missed', async () => {
    const { watcher, index, hints, logger } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    const before = watcher.sequence;

    index.down = true;
    const readsBefore = index.reads;
    for (let second = 0; second < 120; second += 10) {
      watcher.watch();
      index.place([W1, W2, W3][(second / 10) % 3]);
      await jest.advanceTimersByTimeAsync(10_000);
    }
    const readsDuringOutage = index.reads - readsBefore;
    index.down = false;
    await jest.advanceTimersByTimeAsync(45_000);

    expect({
      readsDuringOutage: readsDuringOutage <= 10,
      warnings: logger.warn.mock.calls.length,
      recoveries: logger.info.mock.calls.length,
      hints: hints.length,
      changes: changedAfter(watcher, before),
    }).toEqual({
      readsDuringOutage: true,
      warnings: 1,
      recoveries: 1,
      hints: 1,
      changes: { complete: true, workflows: [W3, W2, W1] },
    });
  });

  it('reads nothing once stopped', async () => {
    const { watcher, index } = started();
    watcher.watch();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await watcher.stop();
    const reads = index.reads;

    watcher.watch();
    await jest.advanceTimersByTimeAsync(60_000);

    expect(index.reads).toBe(reads);
  });
});
