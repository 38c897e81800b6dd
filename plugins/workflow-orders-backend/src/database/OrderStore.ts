import type { DailyCount } from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';

/**
 * One page of a workflow's orders, newest first.
 *
 * @public
 */
export interface OrderPage {
  /** The orders of the page that could be read; malformed records are left out. */
  readonly orders: WorkflowOrderRecord[];
  /** Every order of the workflow in the retention window, not only this page. */
  readonly totalCount: number;
  /** `placed_at` of the last order of the page when another page follows, else undefined. */
  readonly nextPlacedAt?: number;
}

/**
 * A workflow's activity: its order count, newest order and orders per day (the Last order card).
 *
 * @public
 */
export interface WorkflowOrderActivity {
  /** Orders in the retention window. */
  readonly totalCount: number;
  /** The newest readable order, if any. */
  readonly lastOrder?: WorkflowOrderRecord;
  /** Orders per UTC day for the last `days` days, oldest first, today last. */
  readonly dailyCounts: DailyCount[];
}

/**
 * Whether the store's backing database answers.
 *
 * @public
 */
export interface OrderStoreHealth {
  /** Whether the table answered. */
  readonly reachable: boolean;
  /** The table the store reads. */
  readonly table: string;
  /** Why it is not reachable. */
  readonly message?: string;
}

/**
 * Reads the orders workflows placed. Every method leaves out orders older than the retention window,
 * and fails with a `ServiceUnavailableError` when the database cannot answer.
 *
 * @public
 */
export interface OrderStore {
  /** A page of a workflow's history, newest first, after the order placed at `afterPlacedAt`. */
  getHistory(options: {
    workflowId: string;
    limit: number;
    afterPlacedAt?: number;
  }): Promise<OrderPage>;

  /** One order by its id, or undefined when it is unknown or expired. */
  getOrder(options: {
    orderId: string;
  }): Promise<WorkflowOrderRecord | undefined>;

  /** The newest order of each workflow, in the order of `workflowIds` (undefined for none). */
  getLastOrders(options: {
    workflowIds: string[];
  }): Promise<Array<WorkflowOrderRecord | undefined>>;

  /** A workflow's activity over the retention window and the last `days` days. */
  getActivity(options: {
    workflowId: string;
    days: number;
  }): Promise<WorkflowOrderActivity>;

  /** Whether the database answers; never throws. */
  checkHealth(): Promise<OrderStoreHealth>;
}
