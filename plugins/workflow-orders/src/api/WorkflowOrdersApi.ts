import { createApiRef } from '@backstage/frontend-plugin-api';
import type { WorkflowNotVisibleError } from './errors';
import {
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
  WorkflowOrderSummary,
} from '@workflow-orders/plugin-workflow-orders-common';

/**
 * What the portal asks the workflow-orders backend.
 *
 * @public
 */
export interface WorkflowOrdersApi {
  /**
   * A page of a workflow's orders, newest first; pass the previous page's `next_cursor` for the next.
   * Rejects with a {@link WorkflowNotVisibleError} when the workflow does not exist or the user may
   * not see it.
   */
  getOrders(options: {
    workflowId: string;
    limit?: number;
    cursor?: string;
  }): Promise<WorkflowOrderHistoryResponse>;

  /** Everything known about one order, and when it expires. */
  getOrder(options: { orderId: string }): Promise<WorkflowOrderDetail>;

  /**
   * The last order of each workflow, in the order of `workflowIds`, in one request; null for a
   * workflow that does not exist or that the user may not see.
   */
  getSummaries(options: {
    workflowIds: string[];
  }): Promise<Array<WorkflowOrderSummary | null>>;

  /**
   * A workflow's count, last order and orders per day over the retention window
   * (`GET /workflows/:workflowId/activity`). Rejects with a {@link WorkflowNotVisibleError} when the
   * workflow does not exist or the user may not see it.
   */
  getWorkflowActivity(options: {
    workflowId: string;
  }): Promise<WorkflowActivity>;
}

/**
 * Reference to the {@link WorkflowOrdersApi}.
 *
 * @public
 */
export const workflowOrdersApiRef = createApiRef<WorkflowOrdersApi>().with({
  id: 'plugin.workflow-orders.service',
  pluginId: 'workflow-orders',
});
