import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { WorkflowActivity } from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../api';
import { usePolling } from './usePolling';
import { toError } from './toError';

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
  const [state, setState] = useState<Omit<WorkflowActivityState, 'refresh'>>({
    loading: true,
  });
  // Answers to requests made for an earlier workflow or before a newer refresh are ignored.
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const current = ++generation.current;
    setState(previous => ({ ...previous, loading: true }));
    try {
      const activity = await api.getWorkflowActivity({ workflowId });
      if (current !== generation.current) return;
      setState({ activity, loading: false, lastUpdated: new Date() });
    } catch (error) {
      if (current !== generation.current) return;
      setState(previous => ({
        ...previous,
        error: toError(error),
        loading: false,
      }));
    }
  }, [api, workflowId]);

  useEffect(() => {
    setState({ loading: true });
    refresh();
    const requests = generation;
    return () => {
      // Answers that arrive after the page is left, or for a previous workflow, are dropped.
      requests.current++;
    };
  }, [refresh]);

  usePolling(refresh);

  return { ...state, refresh };
}
