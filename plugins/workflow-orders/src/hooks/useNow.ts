import { useEffect, useState } from 'react';

/** How often relative times ("3 minutes ago") are recomputed. */
export const CLOCK_TICK_MS = 30_000;

/** The current time in epoch milliseconds, renewed every `tickMs` so relative times stay true. */
export function useNow(tickMs: number = CLOCK_TICK_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
