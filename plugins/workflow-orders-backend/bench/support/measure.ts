import type { FaultProxyStats } from '@workflow-orders/test-utils';

/** The `p`th percentile of `samples` (nearest rank). */
export const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
};

/** The median of `samples`. */
export const median = (samples: number[]) => percentile(samples, 50);

/** Milliseconds as the tables print them. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** How long `fn` took, in milliseconds, and what it answered. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

/** The DynamoDB requests between two counts of the fault proxy, by operation. */
export const requestsBetween = (
  before: FaultProxyStats,
  after: FaultProxyStats,
) =>
  Object.entries(after.operations)
    .map(([operation, count]) => ({
      operation,
      count: count - (before.operations[operation] ?? 0),
    }))
    .filter(({ count }) => count > 0)
    .map(({ operation, count }) => `${count} ${operation}`)
    .join(' + ') || 'none';
