import { useEffect, useState } from 'react';

/** How long typing pauses before a filter applies. */
export const TYPING_PAUSE_MS = 300;

/** `value`, once it has not changed for `delayMs`. */
export function useDebounced<T>(
  value: T,
  delayMs: number = TYPING_PAUSE_MS,
): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
