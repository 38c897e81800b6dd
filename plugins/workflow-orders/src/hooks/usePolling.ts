import { useEffect, useRef } from 'react';

/** How often open pages refresh their orders. */
export const POLL_INTERVAL_MS = 60_000;

/** True while the browser tab is shown; a page in a background tab has no one to refresh for. */
export function isPageVisible(): boolean {
  return (
    typeof document === 'undefined' || document.visibilityState !== 'hidden'
  );
}

/**
 * Calls `refresh` every `intervalMs` while the browser tab is visible. Polling stops while the tab
 * is hidden and, when the user comes back, refreshes at once so they never look at stale data.
 */
export function usePolling(
  refresh: () => void,
  intervalMs: number = POLL_INTERVAL_MS,
): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      timer ??= setInterval(() => latest.current(), intervalMs);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibilityChange = () => {
      if (isPageVisible()) {
        latest.current();
        start();
      } else {
        stop();
      }
    };

    if (isPageVisible()) start();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs]);
}
