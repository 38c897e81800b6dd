import pLimit from 'p-limit';

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the order of `items`. The
 * first failure rejects the whole map, and no further calls start.
 *
 * @public
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const run = pLimit(Math.max(1, Math.floor(limit) || 1));
  return Promise.all(
    items.map((item, index) =>
      run(async () => {
        try {
          return await fn(item, index);
        } catch (error) {
          // Before p-limit sees the failure, which would start the next call.
          run.clearQueue();
          throw error;
        }
      }),
    ),
  );
}
