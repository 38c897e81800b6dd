import {
  nextDown,
  nextUp,
  WindowCounts,
  type CountRange,
  type ExpiredRange,
} from './WindowCounts';

const DAY = 24 * 3600;
const WINDOW = 7 * DAY;

/** A workflow's orders as DynamoDB would count them, and the ranges it was asked for. */
function fakeTable(placedAts: number[]) {
  const asked: Array<{ from: number; to?: number }> = [];
  const countRange: CountRange = async ({ from, to, maxRead }) => {
    asked.push({ from, to });
    const inRange = placedAts.filter(
      t => t >= from && (to === undefined || t <= to),
    );
    return inRange.length > maxRead
      ? { count: maxRead, exact: false }
      : { count: inRange.length, exact: true };
  };
  const expiredAsked: Array<{ from: number; before: number }> = [];
  const expiredRange: ExpiredRange = async ({ from, before, to, maxRead }) => {
    asked.push({ from, to: nextDown(before) });
    expiredAsked.push({ from, before });
    const inRange = placedAts
      .filter(t => t >= from && t <= to)
      .sort((a, b) => a - b);
    const expired = inRange.filter(t => t < before).length;
    return expired >= maxRead
      ? { count: maxRead, exact: false }
      : { count: expired, exact: true, first: inRange[expired] };
  };
  return { placedAts, asked, expiredAsked, countRange, expiredRange };
}

describe('WindowCounts', () => {
  const settings = { ttlMs: 300_000, settleSeconds: 60, maxEntries: 100 };
  const start = 1_800_000_000;
  const at = (seconds: number) => ({
    workflowId: 'w',
    filters: {},
    oldest: seconds - WINDOW,
    nowMs: seconds * 1000,
    maxRead: 10_000,
  });
  /** What a full count answers at `seconds`. */
  const truth = (placedAts: number[], seconds: number) =>
    placedAts.filter(t => t >= seconds - WINDOW).length;

  it('stays exact as orders arrive, arrive late and expire, reading only what changed', async () => {
    // Prepare: 1,000 orders over the window
    const table = fakeTable(
      Array.from({ length: 1000 }, (_, n) => start - 1 - n * 600),
    );
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    const first = await counts.count(at(start));

    // Act: 30 s later, two new orders, one stored 40 s late; then 4 minutes later, with expiries
    table.placedAts.push(start + 10, start + 20 - 40);
    const second = await counts.count(at(start + 30));
    table.asked.length = 0;
    table.placedAts.push(start + 200);
    const third = await counts.count(at(start + 240));

    // Assess
    expect(first).toEqual({
      count: truth(table.placedAts.slice(0, 1000), start),
      exact: true,
    });
    expect(second).toEqual({
      count: truth(table.placedAts.slice(0, 1002), start + 30),
      exact: true,
    });
    expect(third).toEqual({
      count: truth(table.placedAts, start + 240),
      exact: true,
    });
    // Settled since, and the last minute: no range reaches back over the window. Nothing expired:
    // the window has not passed the oldest order counted, which the second count learned.
    expect(table.asked).toHaveLength(2);
    for (const { from, to } of table.asked) {
      expect((to ?? start + 240) - from).toBeLessThan(600);
    }
  });

  it('counts in full again once the entry is older than its time to live', async () => {
    // Prepare
    const table = fakeTable([start - 100, start - 5000]);
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    await counts.count(at(start));
    // An order stored with an old placed_at, as a backfill writes it
    table.placedAts.push(start - 3000);

    // Act
    const within = await counts.count(at(start + 60));
    const after = await counts.count(at(start + 301));

    // Assess
    expect(within.count).toBe(2);
    expect(after).toEqual({ count: 3, exact: true });
  });

  it('counts a first page soon after another with two ranges: what expired, and all since the settled part', async () => {
    // Prepare
    const table = fakeTable([start - 100, start - 5000, start - WINDOW + 5]);
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    await counts.count(at(start));
    table.asked.length = 0;
    table.placedAts.push(start + 15, start - 40);

    // Act: 20 s later, one new order and one stored 60 s late; the oldest expired
    const soon = await counts.count(at(start + 20));

    // Assess
    expect(soon).toEqual({
      count: truth(table.placedAts, start + 20),
      exact: true,
    });
    expect(table.asked).toEqual([
      { from: start - WINDOW, to: nextDown(start + 20 - WINDOW) },
      { from: nextUp(start - 60), to: undefined },
    ]);
  });

  it('knows a window that fits one page, and keeps the count a whole read of it gives', async () => {
    // Prepare
    const table = fakeTable([start - 100, start - 5000]);
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    const page = { workflowId: 'w', filters: {}, limit: 5 };
    const before = counts.fitsOnePage({ ...page, nowMs: start * 1000 });
    await counts.count(at(start));

    // Act: a page read whole a minute later lists a third order
    const fits = counts.fitsOnePage({ ...page, nowMs: (start + 60) * 1000 });
    table.placedAts.push(start + 30);
    counts.rememberWhole({
      ...at(start + 60),
      placedAts: [...table.placedAts],
    });
    table.asked.length = 0;
    const later = await counts.count(at(start + 90));

    // Assess
    expect(before).toBe(false);
    expect(fits).toBe(true);
    expect(counts.fitsOnePage({ ...page, limit: 2, nowMs: start * 1000 })).toBe(
      false,
    );
    expect(counts.fitsOnePage({ ...page, nowMs: (start + 361) * 1000 })).toBe(
      false,
    );
    expect(later).toEqual({ count: 3, exact: true });
    // The orders since, and nothing of what expired: the whole read listed the oldest order.
    expect(table.asked).toEqual([{ from: nextUp(start), to: undefined }]);
  });

  it('reads what expired only once the window passes the oldest order it counted', async () => {
    // Prepare: orders an hour apart; the oldest 200 s inside the window
    const table = fakeTable(
      Array.from({ length: 168 }, (_, n) => start - WINDOW + 200 + n * 3600),
    );
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    await counts.count(at(start));
    await counts.count(at(start + 10)); // learns where the window starts
    table.expiredAsked.length = 0;

    // Act: 100 s on, the oldest order still in the window; 250 s on, expired
    const within = await counts.count(at(start + 100));
    const askedWithin = [...table.expiredAsked];
    const past = await counts.count(at(start + 250));

    // Assess
    expect(within).toEqual({ count: 168, exact: true });
    expect(askedWithin).toEqual([]);
    expect(past).toEqual({ count: 167, exact: true });
    expect(table.expiredAsked).toEqual([
      { from: start + 100 - WINDOW, before: start + 250 - WINDOW },
    ]);
  });

  it('takes the newest orders from the first page when it lists them all', async () => {
    // Prepare
    const table = fakeTable([start - 5000, start - 3000, start - 100]);
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    await counts.count(at(start));
    table.asked.length = 0;
    table.placedAts.push(start + 20);
    const firstPage = [start + 20, start - 100, start - 3000];
    const reachingBack = {
      newest: async (since: number) =>
        firstPage[firstPage.length - 1] <= since
          ? firstPage.filter(placedAt => placedAt > since)
          : undefined,
    };

    // Act: 30 s on, and 3 minutes on (the settled part brought forward)
    const soon = await counts.count({ ...at(start + 30), ...reachingBack });
    const later = await counts.count({ ...at(start + 180), ...reachingBack });

    // Assess: exact; what expired read once (learning where the window starts), and no range of
    // the newest orders
    expect(soon).toEqual({ count: 4, exact: true });
    expect(later).toEqual({ count: 4, exact: true });
    expect(table.asked).toEqual([
      { from: start - WINDOW, to: nextDown(start + 30 - WINDOW) },
    ]);
  });

  it('keeps a count for first pages asked at the same time, counting the window once', async () => {
    // Prepare
    const table = fakeTable(
      Array.from({ length: 700 }, (_, n) => start - 1 - n * 860),
    );
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );
    await counts.count(at(start));
    table.asked.length = 0;

    // Act: ten first pages at once, 30 s later
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => counts.count(at(start + 30))),
    );

    // Assess: each exact, and none counted the whole window again
    expect(new Set(answers.map(answer => JSON.stringify(answer)))).toEqual(
      new Set([JSON.stringify({ count: 700, exact: true })]),
    );
    for (const { from, to } of table.asked) {
      expect((to ?? start + 30) - from).toBeLessThan(3600);
    }
  });

  it('keeps counts apart by filters, and none with a time to live of 0', async () => {
    // Prepare
    const table = fakeTable([start - 100]);
    const counts = new WindowCounts(table.countRange, table.expiredRange, {
      ...settings,
      ttlMs: 0,
    });

    // Act
    await counts.count(at(start));
    await counts.count({ ...at(start + 1), filters: { direction: 'BUY' } });
    await counts.count(at(start + 2));

    // Assess: every count covers the whole window (two ranges each)
    expect(table.asked.filter(r => r.to !== undefined)).toEqual([
      { from: start - WINDOW, to: start - 60 },
      { from: start + 1 - WINDOW, to: start + 1 - 60 },
      { from: start + 2 - WINDOW, to: start + 2 - 60 },
    ]);
  });

  it('answers a lower bound, and keeps nothing, when the window holds more than it may read', async () => {
    // Prepare
    const table = fakeTable(
      Array.from({ length: 50 }, (_, n) => start - 120 - n),
    );
    const counts = new WindowCounts(
      table.countRange,
      table.expiredRange,
      settings,
    );

    // Act
    const first = await counts.count({ ...at(start), maxRead: 20 });
    const again = await counts.count({ ...at(start + 1), maxRead: 20 });

    // Assess
    expect(first).toEqual({ count: 20, exact: false });
    expect(again).toEqual({ count: 20, exact: false });
    expect(table.asked.filter(r => r.to !== undefined)).toHaveLength(2);
  });
});

describe('nextUp and nextDown', () => {
  it('are the doubles next to a value, so ranges can leave the value out', () => {
    for (const value of [1_800_000_000.123456, 1, 0.5, 123.25]) {
      expect(nextUp(value)).toBeGreaterThan(value);
      expect(nextDown(value)).toBeLessThan(value);
      // Nothing lies between: their midpoint rounds to one of the two.
      expect([value, nextUp(value)]).toContain((nextUp(value) + value) / 2);
    }
  });
});
