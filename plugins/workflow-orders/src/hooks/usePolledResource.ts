import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { POLL_INTERVAL_MS, startPolling } from './polling';
import { toError } from './toError';

/** A resource loaded from the backend and kept fresh while it is shown. */
export interface PolledResource<T> {
  /** The last value loaded; kept when a later refresh fails. */
  data?: T;
  /** Why the last load failed; cleared by the next one that succeeds. */
  error?: Error;
  /** True while a load is under way, the first or a refresh. */
  loading: boolean;
  /** When `data` was loaded. */
  lastUpdated?: Date;
  /** Loads now: the Refresh button, and the Retry of an error. */
  refresh: () => void;
  /** Changes the shown value without a load, such as appending a further page. */
  update: (change: (data: T) => T) => void;
}

/** Options of {@link usePolledResource}. */
export interface PolledResourceOptions {
  /** What `load` depends on: when one changes, the value is dropped and loaded anew. */
  deps: DependencyList;
  /** How often to refresh while the tab is visible; changing it keeps the value shown. */
  intervalMs?: number;
}

interface LoadState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  lastUpdated?: Date;
}

/**
 * Loads a value with `load`, then refreshes it every minute while the tab is visible and at once
 * when the tab is shown again. `load` gets the value shown, so a refresh can ask for as much as is
 * on screen. A failed refresh keeps the value and sets `error`; an answer that arrives after a newer
 * load started, after `deps` changed or after the component left is dropped.
 */
export function usePolledResource<T>(
  load: (shown: T | undefined) => Promise<T>,
  options: PolledResourceOptions,
): PolledResource<T> {
  const { deps, intervalMs = POLL_INTERVAL_MS } = options;
  const [state, setState] = useState<LoadState<T>>({ loading: true });
  const currentLoad = useRef(load);
  const shown = useRef<T | undefined>(undefined);
  // Each load takes a number; only the answer of the newest one is kept.
  const generation = useRef(0);

  useEffect(() => {
    currentLoad.current = load;
  });
  useEffect(() => {
    shown.current = state.data;
  }, [state.data]);

  const refresh = useCallback(async () => {
    const current = ++generation.current;
    setState(previous => ({ ...previous, loading: true }));
    try {
      const data = await currentLoad.current(shown.current);
      if (current !== generation.current) return;
      setState({ data, loading: false, lastUpdated: new Date() });
    } catch (error) {
      if (current !== generation.current) return;
      setState(previous => ({
        ...previous,
        error: toError(error),
        loading: false,
      }));
    }
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setState(previous =>
      previous.data === undefined
        ? previous
        : { ...previous, data: change(previous.data) },
    );
  }, []);

  useEffect(() => {
    shown.current = undefined;
    setState({ loading: true });
    refresh();
    const loads = generation;
    return () => {
      loads.current++;
    };
    // The caller lists what `load` depends on; `load` itself is a new function every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refresh, ...deps]);

  // The schedule starts over with each new value; a new interval (a screen that went live or back
  // to polling) keeps the value shown.
  useEffect(
    () => startPolling(refresh, intervalMs),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refresh, intervalMs, ...deps],
  );

  return { ...state, refresh, update };
}
