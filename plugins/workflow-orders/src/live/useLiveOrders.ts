import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { LIVE_ORDERS_CHANNEL } from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi, workflowOrdersApiRef } from '../api';
import { POLL_INTERVAL_MS } from '../hooks/polling';
import {
  LIVE_POLL_INTERVAL_MS,
  LiveOrdersListener,
  LiveOrdersStore,
} from './LiveOrdersStore';

// One store per API instance: every screen of the app shares its requests and its mode.
const stores = new WeakMap<WorkflowOrdersApi, LiveOrdersStore>();

/** The live store of an API instance, made on first use. */
export function liveOrdersStoreFor(api: WorkflowOrdersApi): LiveOrdersStore {
  let store = stores.get(api);
  if (!store) {
    store = new LiveOrdersStore(api);
    stores.set(api, store);
  }
  return store;
}

/** What a screen knows of live updates. */
export interface LiveOrders {
  /** True while pushes reach the screen; false while it polls. */
  live: boolean;
  /** How often the screen reloads what it shows: every minute when polling, rarely when live. */
  pollIntervalMs: number;
  /** The app's live store. */
  store: LiveOrdersStore;
}

/**
 * Listens to the signals channel of new orders and hands its hints to the app's live store; the
 * mode tells whether the screen is live or polls.
 */
export function useLiveOrders(): LiveOrders {
  const store = liveOrdersStoreFor(useApi(workflowOrdersApiRef));
  const { lastSignal, isSignalsAvailable } = useSignal(LIVE_ORDERS_CHANNEL);
  useEffect(() => {
    store.setSignalsAvailable(isSignalsAvailable);
  }, [store, isSignalsAvailable]);
  useEffect(() => {
    if (lastSignal) store.hint(lastSignal);
  }, [store, lastSignal]);
  const live =
    useSyncExternalStore(store.subscribeMode, store.getMode) === 'live';
  return useMemo(
    () => ({
      live,
      pollIntervalMs: live ? LIVE_POLL_INTERVAL_MS : POLL_INTERVAL_MS,
      store,
    }),
    [live, store],
  );
}

/**
 * Hands the live store's events to `onEvent` while the component is shown; while anything
 * listens, the store keeps the backend watching. An Orders tab names its workflow (`tab`), so that
 * pushes carry its new orders.
 */
export function useLiveOrderEvents(
  live: LiveOrders,
  onEvent: LiveOrdersListener,
  tab?: string,
): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const { store } = live;
  useEffect(
    () => store.listen(event => handler.current(event), { tab }),
    [store, tab],
  );
}
