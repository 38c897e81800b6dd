import { useApi } from '@backstage/core-plugin-api';
import { WorkflowActivity } from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../api';
import { usePolledResource } from './usePolledResource';

/** What the Last order card shows, and how to ask again. */
export interface WorkflowActivityState {
  activity?: WorkflowActivity;
  error?: Error;
  loading: boolean;
  lastUpdated?: Date;
  refresh: () => void;
}

/**
 * A workflow's activity (count, last order, orders per day), refreshed every minute while the tab is
 * visible. A failed refresh keeps what was shown and reports the error beside it.
 */
export function useWorkflowActivity(workflowId: string): WorkflowActivityState {
  const api = useApi(workflowOrdersApiRef);
  const { data, error, loading, lastUpdated, refresh } = usePolledResource(
    () => api.getWorkflowActivity({ workflowId }),
    { deps: [api, workflowId] },
  );
  return { activity: data, error, loading, lastUpdated, refresh };
}
