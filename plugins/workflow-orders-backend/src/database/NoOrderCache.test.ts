import { NoOrderCache } from './NoOrderCache';

const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';
const OTHER = '6f1c2a8e-2b7d-4c3e-9a10-2f4b5c6d7e8f';
const THIRD = 'a1b2c3d4-0000-4000-8000-000000000003';

/** The workflows of these tests that `cache` takes to have no order at `nowMs`. */
const withoutOrders = (cache: NoOrderCache, nowMs: number) =>
  [WORKFLOW, OTHER, THIRD].filter(id => cache.hasNoOrder(id, nowMs));

describe('NoOrderCache', () => {
  it('takes a workflow found without orders to have none until the time is up', () => {
    // Prepare
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 10 });

    // Act
    cache.record(WORKFLOW, false, 1_000);

    // Assess
    expect(withoutOrders(cache, 1_000)).toEqual([WORKFLOW]);
    expect(withoutOrders(cache, 300_999)).toEqual([WORKFLOW]);
    expect(withoutOrders(cache, 301_000)).toEqual([]);
  });

  it('forgets a workflow once a query finds an order', () => {
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 10 });
    cache.record(WORKFLOW, false, 1_000);

    cache.record(WORKFLOW, true, 2_000);

    expect(withoutOrders(cache, 2_000)).toEqual([]);
    expect(cache.size).toBe(0);
  });

  it('remembers nothing when the time is 0', () => {
    const cache = new NoOrderCache({ ttlMs: 0, maxSize: 10 });

    cache.record(WORKFLOW, false, 1_000);

    expect(withoutOrders(cache, 1_000)).toEqual([]);
    expect(cache.size).toBe(0);
  });

  it.each([
    ['forgets the workflow remembered first', [], [OTHER, THIRD]],
    [
      'counts a workflow recorded again as remembered last',
      [WORKFLOW],
      [WORKFLOW, THIRD],
    ],
  ])('%s when it is full', (_case, recordedAgain, remembered) => {
    // Prepare
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 2 });
    cache.record(WORKFLOW, false, 1_000);
    cache.record(OTHER, false, 1_000);

    // Act
    for (const id of [...recordedAgain, THIRD]) cache.record(id, false, 2_000);

    // Assess
    expect(cache.size).toBe(2);
    expect(withoutOrders(cache, 2_000)).toEqual(remembered);
  });
});
