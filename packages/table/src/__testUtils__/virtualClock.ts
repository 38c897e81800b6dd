import type { BackfillClock } from '../backfill/capacity';

/** Time that passes only by waiting: concurrent waits overlap, as timers do. */
export function aVirtualClock(): BackfillClock {
  let now = 0;
  return {
    now: () => now,
    sleep: async ms => {
      const until = now + ms;
      await Promise.resolve();
      now = Math.max(now, until);
    },
  };
}
