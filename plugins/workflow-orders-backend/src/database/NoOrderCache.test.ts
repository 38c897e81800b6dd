import { NoOrderCache } from './NoOrderCache';

const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';
const OTHER = '6f1c2a8e-2b7d-4c3e-9a10-2f4b5c6d7e8f';

describe('NoOrderCache', () => {
  it('takes a workflow found without orders to have none until the time is up', () => {
    // Prepare
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 10 });

    // Act
    cache.record(WORKFLOW, false, 1_000);

    // Assess
    expect(cache.hasNoOrder(WORKFLOW, 1_000)).toBe(true);
    expect(cache.hasNoOrder(WORKFLOW, 300_999)).toBe(true);
    expect(cache.hasNoOrder(WORKFLOW, 301_000)).toBe(false);
    expect(cache.hasNoOrder(OTHER, 1_000)).toBe(false);
  });

  it('forgets a workflow once a query finds an order', () => {
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 10 });
    cache.record(WORKFLOW, false, 1_000);

    cache.record(WORKFLOW, true, 2_000);

    expect(cache.hasNoOrder(WORKFLOW, 2_000)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('remembers nothing when the time is 0', () => {
    const cache = new NoOrderCache({ ttlMs: 0, maxSize: 10 });

    cache.record(WORKFLOW, false, 1_000);

    expect(cache.hasNoOrder(WORKFLOW, 1_000)).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('forgets the workflow remembered first when it is full', () => {
    // Prepare
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 2 });
    const third = 'a1b2c3d4-0000-4000-8000-000000000003';

    // Act
    cache.record(WORKFLOW, false, 1_000);
    cache.record(OTHER, false, 1_000);
    cache.record(third, false, 1_000);

    // Assess
    expect(cache.size).toBe(2);
    expect(cache.hasNoOrder(WORKFLOW, 1_000)).toBe(false);
    expect(cache.hasNoOrder(OTHER, 1_000)).toBe(true);
    expect(cache.hasNoOrder(third, 1_000)).toBe(true);
  });

  it('counts a workflow recorded again as remembered last', () => {
    const cache = new NoOrderCache({ ttlMs: 300_000, maxSize: 2 });
    cache.record(WORKFLOW, false, 1_000);
    cache.record(OTHER, false, 1_000);

    cache.record(WORKFLOW, false, 2_000);
    cache.record('a1b2c3d4-0000-4000-8000-000000000003', false, 2_000);

    expect(cache.hasNoOrder(WORKFLOW, 2_000)).toBe(true);
    expect(cache.hasNoOrder(OTHER, 2_000)).toBe(false);
  });
});
