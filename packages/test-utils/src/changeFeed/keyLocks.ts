/**
 * Per-key locks taken in arrival order: a request holding several keys waits for every earlier
 * holder of any of them, so writes to one key pass one at a time, in the order they came, and
 * writes to other keys do not wait. Taking all of a request's keys at once (synchronously) keeps
 * two requests from waiting on each other.
 */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the keys and returns the function that frees them. */
  async acquire(keys: readonly string[]): Promise<() => void> {
    const unique = [...new Set(keys)];
    const earlier = unique
      .map(key => this.tails.get(key))
      .filter((tail): tail is Promise<void> => tail !== undefined);
    let free!: () => void;
    const done = new Promise<void>(resolve => {
      free = resolve;
    });
    for (const key of unique) this.tails.set(key, done);
    if (earlier.length > 0) await Promise.all(earlier);
    return () => {
      free();
      for (const key of unique) {
        if (this.tails.get(key) === done) this.tails.delete(key);
      }
    };
  }

  /** Keys held or waited for now. */
  get size(): number {
    return this.tails.size;
  }
}
