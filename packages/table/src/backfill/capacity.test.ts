import { aVirtualClock } from '../__testUtils__/virtualClock';
import {
  estimateScanReadUnits,
  PageBudget,
  ReadCapacityBucket,
} from './capacity';

describe('ReadCapacityBucket', () => {
  it('hands out its rate per second, from an empty bucket', async () => {
    // Prepare
    const clock = aVirtualClock();
    const bucket = new ReadCapacityBucket(10, clock);

    // Act: 40 units in pages of 5, from four segments at once
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let page = 0; page < 2; page++) await bucket.take(5);
      }),
    );

    // Assess
    expect(clock.now()).toBe(4000);
  });

  it.each([
    // 1 s for the first page, 2 s of debt, 1 s for the next
    ['waits out what a page cost beyond its reserve', 30, 4000],
    ['gives back what a page did not use', 5, 1500],
  ])(
    '%s: a page of 10 that cost %i has the next ready at %i ms',
    async (_case, cost, readyAt) => {
      // Prepare
      const clock = aVirtualClock();
      const bucket = new ReadCapacityBucket(10, clock);
      await bucket.take(10);

      // Act
      bucket.settle(10, cost);
      await bucket.take(10);

      // Assess
      expect(clock.now()).toBe(readyAt);
    },
  );
});

describe('PageBudget', () => {
  it('sizes a page to what a segment may read in a second, learning item sizes', () => {
    // Prepare
    const budget = new PageBudget(100, 4);

    // Act
    const first = budget.next();
    budget.record(200, 50);
    const learnt = budget.next();

    // Assess: 25 units a segment, 1 KB items assumed (0.125 units), then 0.25 units an item
    expect(first).toEqual({ limit: 200, reserve: 25 });
    expect(learnt).toEqual({ limit: 100, reserve: 25 });
  });

  it('keeps to a smaller page size when given one', () => {
    expect(new PageBudget(100, 1, 10).next()).toEqual({
      limit: 10,
      reserve: 1.25,
    });
  });
});

describe('estimateScanReadUnits', () => {
  it('counts 4 KB per unit, halved, scaled to the items evaluated', () => {
    // Prepare: 10 items of about 1 KB returned, of 20 evaluated
    const items = Array.from({ length: 10 }, () => ({
      workflow_id: 'w',
      note: 'x'.repeat(1008),
    }));

    // Act
    const units = estimateScanReadUnits(items, 20);

    // Assess: 20 KB is 5 units of 4 KB, halved
    expect(units).toBe(2.5);
  });

  it('charges half a unit for a page that returned nothing', () => {
    expect(estimateScanReadUnits([], 0)).toBe(0.5);
  });
});
