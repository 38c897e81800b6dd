import { useApi } from '@backstage/core-plugin-api';
import { WorkflowActivity } from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowNotVisibleError, workflowOrdersApiRef } from '../api';
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
}

/**
 * A workflow's activity (count, last order, orders per day), refreshed every minute while the tab is
 * visible. A failed refresh keeps what was shown and reports the error beside it; a 404 of the
 * workflow is `notAllowed`, not an error.
 */
export function useWorkflowActivity(workflowId: string): WorkflowActivityState {
  const api = useApi(workflowOrdersApiRef);
  const { data, error, loading, lastUpdated, refresh } = usePolledResource(
    () => api.getWorkflowActivity({ workflowId }),
    { deps: [api, workflowId] },
  );
  const notAllowed = error instanceof WorkflowNotVisibleError;
  return {
    activity: data,
    error: notAllowed ? undefined : error,
    notAllowed,
    loading,
    lastUpdated,
    refresh,
  };
}
