import { createLimit } from './limit';

describe('createLimit', () => {
  it('runs at most `concurrency` functions at once, all of them in the end', async () => {
    // Prepare
    const limit = createLimit(3);
    let running = 0;
    let most = 0;
    const task = (value: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise(resolve => setTimeout(resolve, 1));
      running -= 1;
      return value;
    };

    // Act
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) => limit(task(n))),
    );

    // Assess
    expect(results).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(most).toBe(3);
  });

  it('frees the slot of a function that fails', async () => {
    // Prepare
    const limit = createLimit(1);

    // Act
    const failed = limit(() => Promise.reject(new Error('no')));
    const next = limit(async () => 'ran');

    // Assess
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('ran');
  });
});
