/** How often open pages refresh what they show. */
export const POLL_INTERVAL_MS = 60_000;

/** True while the browser tab is shown; a page in a background tab has no one to refresh for. */
export function isPageVisible(): boolean {
  return (
    typeof document === 'undefined' || document.visibilityState !== 'hidden'
  );
}

/**
 * Calls `refresh` every `intervalMs` while the browser tab is visible, and at once when the tab is
 * shown again so no one looks at stale data; nothing runs while it is hidden. Returns the function
 * that stops it. The one schedule behind every polled view of the plugin.
 */
export function startPolling(
  refresh: () => void,
  intervalMs: number = POLL_INTERVAL_MS,
): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = () => {
    // A tab can be hidden without the event reaching us (a test, a browser that skips it).
    timer ??= setInterval(() => {
      if (isPageVisible()) refresh();
    }, intervalMs);
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const onVisibilityChange = () => {
    if (isPageVisible()) {
      refresh();
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
}
