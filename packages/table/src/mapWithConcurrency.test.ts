import { mapWithConcurrency } from './mapWithConcurrency';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('keeps the order of the items with at most the limit in flight', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;

    // Act
    const results = await mapWithConcurrency(
      [5, 1, 4, 2, 3],
      2,
      async (item, index) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let i = 0; i < item; i++) await tick();
        inFlight -= 1;
        return `${index}:${item}`;
      },
    );

    // Assess
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('rejects with the first failure and starts no further calls', async () => {
    // Prepare
    const started: number[] = [];

    // Act
    const mapping = mapWithConcurrency([1, 2, 3, 4], 1, async item => {
      started.push(item);
      if (item === 2) throw new Error('item 2 failed');
      return item;
    });

    // Assess
    await expect(mapping).rejects.toThrow('item 2 failed');
    expect(started).toEqual([1, 2]);
  });

  it('maps no items to no results', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
