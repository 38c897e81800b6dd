import { createApiRef } from '@backstage/frontend-plugin-api';
import type { WorkflowNotVisibleError } from './errors';
import {
  HistorySort,
  LatestOrdersResponse,
  LiveChangesResponse,
  OrderDirection,
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
  WorkflowOrderSummary,
} from '@workflow-orders/plugin-workflow-orders-common';

/**
 * A CSV export as downloaded: the file the backend named, its content and how many orders it holds.
 *
 * @public
 */
export interface CsvExport {
  /** The file name the backend gave, such as `<workflow id>-orders-2026-12-04.csv`. */
  readonly filename: string;
  /** The CSV, header line first. */
  readonly content: Blob;
  /** Orders in the file, the header not counted. */
  readonly rows: number;
  /** The most rows the backend writes into one export, when it says. */
  readonly rowLimit?: number;
}

/**
 * What the portal asks the workflow-orders backend.
 *
 * @public
 */
export interface WorkflowOrdersApi {
  /**
   * A page of a workflow's orders, newest first unless `sort` is `oldest`, of one direction and asset
   * code when given (the page's `total_count` counts the orders that match); pass the previous page's
   * `next_cursor`, with the same sort and filters, for the next. Rejects with a
   * {@link WorkflowNotVisibleError} when the workflow does not exist or the user may not see it.
   */
  getOrders(options: {
    workflowId: string;
    limit?: number;
    cursor?: string;
    sort?: HistorySort;
    direction?: OrderDirection;
    code?: string;
  }): Promise<WorkflowOrderHistoryResponse>;

  /**
   * A page of the Workflow orders page (`GET /latest-orders`): the latest order of each workflow the
   * user may see, newest first, of one direction, asset code or set of workflows when given; pass the
   * previous page's `next_cursor`, with the same filters, for the next. `workflowIds`, when given,
   * names 1 to 100 workflows.
   */
  getLatestOrders(options?: {
    limit?: number;
    cursor?: string;
    direction?: OrderDirection;
    code?: string;
    workflowIds?: string[];
  }): Promise<LatestOrdersResponse>;

  /**
   * Every order of a workflow that the sort and filters select, as CSV
   * (`GET /workflows/:workflowId/orders.csv`), up to the backend's row limit. Rejects with a
   * {@link WorkflowNotVisibleError} when the workflow does not exist or the user may not see it.
   */
  exportOrders(options: {
    workflowId: string;
    sort?: HistorySort;
    direction?: OrderDirection;
    code?: string;
  }): Promise<CsvExport>;

  /**
   * The latest order of every workflow the user may see that the filters select, as CSV
   * (`GET /latest-orders.csv`), up to the backend's row limit.
   */
  exportLatestOrders(options?: {
    direction?: OrderDirection;
    code?: string;
    workflowIds?: string[];
  }): Promise<CsvExport>;

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

  /**
   * The workflows whose latest order changed after the sequence `after` (`GET /live/changes`), each
   * with its new latest order, newest first; without `after`, only the current sequence. Each call
   * also keeps the backend watching for new orders for about a minute, and pushing them to the
   * user, with the new orders of the workflows of `tabs` (the Orders tabs the browser shows).
   */
  getLiveChanges(options?: {
    after?: number;
    tabs?: readonly string[];
  }): Promise<LiveChangesResponse>;
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
