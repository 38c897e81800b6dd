import { useApi } from '@backstage/core-plugin-api';
import { WorkflowActivity } from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowNotVisibleError, workflowOrdersApiRef } from '../api';
import { useLiveActivity } from '../live/useLiveActivity';
import { useLiveOrders } from '../live/useLiveOrders';
import { usePolledResource } from './usePolledResource';

/** What the Last order card shows, and how to ask again. */
export interface WorkflowActivityState {
  activity?: WorkflowActivity;
  error?: Error;
  /**
   * The backend would not show the workflow (404): for the workflow of an entity the user sees, the
   * user may not read its orders. Not an error, so `error` is unset then.
   */
  notAllowed: boolean;
  loading: boolean;
  lastUpdated?: Date;
  refresh: () => void;
  /** True while new orders show as they are placed; false while the card polls. */
  live: boolean;
}

/**
 * A workflow's activity (count, last order, orders per day), refreshed every minute while the tab is
 * visible. A failed refresh keeps what was shown and reports the error beside it; a 404 of the
 * workflow is `notAllowed`, not an error.
 */
export function useWorkflowActivity(workflowId: string): WorkflowActivityState {
  const api = useApi(workflowOrdersApiRef);
  const live = useLiveOrders();
  const { data, error, loading, lastUpdated, refresh, update } =
    usePolledResource(() => api.getWorkflowActivity({ workflowId }), {
      deps: [api, workflowId],
      intervalMs: live.pollIntervalMs,
    });
  useLiveActivity({ live, workflowId, update, refresh });
  const notAllowed = error instanceof WorkflowNotVisibleError;
  return {
    activity: data,
    error: notAllowed ? undefined : error,
    notAllowed,
    loading,
    lastUpdated,
    refresh,
    live: live.live,
  };
}
