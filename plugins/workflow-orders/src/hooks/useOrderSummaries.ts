import { useCallback, useSyncExternalStore } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { WorkflowOrdersApi, workflowOrdersApiRef } from '../api';
import { liveOrdersStoreFor, useLiveOrders } from '../live/useLiveOrders';
import { OrderSummaryStore, SummaryEntry } from './OrderSummaryStore';

// One store per API instance: every row of every list in the app shares the same batches and cache.
const stores = new WeakMap<WorkflowOrdersApi, OrderSummaryStore>();

/** The summary store of an API instance, made on first use. */
export function orderSummaryStoreFor(
  api: WorkflowOrdersApi,
): OrderSummaryStore {
  let store = stores.get(api);
  if (!store) {
    store = new OrderSummaryStore(api, undefined, liveOrdersStoreFor(api));
    stores.set(api, store);
  }
  return store;
}

/**
 * The last-order summary of one workflow of a list. All rows rendered together are served by one
 * `POST /summaries`; values refresh every minute while the tab is visible, or change in place as
 * new orders are pushed.
 */
export function useOrderSummary(workflowId: string): SummaryEntry | undefined {
  // Hands the signals channel's hints to the app's live store, which the summary store follows.
  useLiveOrders();
  const store = orderSummaryStoreFor(useApi(workflowOrdersApiRef));
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(workflowId, listener),
    [store, workflowId],
  );
  const snapshot = useCallback(
    () => store.get(workflowId),
    [store, workflowId],
  );
  return useSyncExternalStore(subscribe, snapshot);
}
