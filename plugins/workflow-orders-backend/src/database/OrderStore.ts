import type {
  DailyCount,
  HistorySort,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';

/**
 * What a page of a workflow's history asks for.
 *
 * @public
 */
export interface HistoryOptions {
  /** The workflow whose orders are listed (a lower-case UUID). */
  readonly workflowId: string;
  /** Orders on the page, at most. */
  readonly limit: number;
  /** `placed_at` of the last order of the previous page, in the same sort and filters. */
  readonly afterPlacedAt?: number;
  /** Newest first (the default) or oldest first. */
  readonly sort?: HistorySort;
  /** Only orders of this direction. */
  readonly direction?: 'BUY' | 'SELL';
  /** Only orders of this asset code, in upper case; matched without regard to case. */
  readonly code?: string;
  /**
   * The count the first page of the same sort and filters answered, carried by the cursor: a later
   * page answers it again instead of counting.
   */
  readonly knownCount?: {
    readonly totalCount: number;
    readonly exact: boolean;
  };
}

/**
 * One page of a workflow's orders, in the order asked for.
 *
 * @public
 */
export interface OrderPage {
  /** The orders of the page that could be read; malformed records are left out. */
  readonly orders: WorkflowOrderRecord[];
  /** Every order of the workflow in the retention window that matches the filters, not only this page. */
  readonly totalCount: number;
  /**
   * False when `totalCount` is a lower bound: counting every matching order would have read more
   * than `workflowOrders.history.countReadLimit` items. Absent (or true) when it is exact.
   */
  readonly totalCountExact?: boolean;
  /** `placed_at` of the last order of the page when another page follows, else undefined. */
  readonly nextPlacedAt?: number;
}

/**
 * Where a page of the latest orders starts: after the row of this workflow, whose latest order was
 * placed at `placedAt`.
 *
 * @public
 */
export interface LatestOrderPosition {
  /** The workflow of the row. */
  readonly workflowId: string;
  /** `placed_at` of that workflow's latest order. */
  readonly placedAt: number;
}

/**
 * What a page of the latest orders asks for.
 *
 * @public
 */
export interface LatestOrdersOptions {
  /** Rows on the page, at most. */
  readonly limit: number;
  /** The last row of the previous page, in the same filters. */
  readonly after?: LatestOrderPosition;
  /** Only latest orders of this direction. */
  readonly direction?: 'BUY' | 'SELL';
  /** Only latest orders of this asset code, in upper case; matched without regard to case. */
  readonly code?: string;
  /** Only these workflows (lower-case ids). */
  readonly workflowIds?: readonly string[];
  /** Only workflows the caller may see; decided before the store is called, so it costs no request. */
  readonly isVisible?: (workflowId: string) => boolean;
}

/**
 * A page of the latest orders, newest first.
 *
 * @public
 */
export interface LatestOrderPage {
  /** The latest order of each workflow on the page; rows that cannot be read are left out. */
  readonly orders: WorkflowOrderRecord[];
  /** The last row of the page when another page follows, else undefined. */
  readonly next?: LatestOrderPosition;
}

/**
 * The latest orders placed since a time, newest first ({@link OrderStore.getLatestOrdersSince}).
 *
 * @public
 */
export interface LatestOrdersSince {
  /** The latest order of each workflow that placed one since then; unreadable rows are left out. */
  readonly orders: WorkflowOrderRecord[];
  /** Whether more rows were left unread past the limit. */
  readonly more: boolean;
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
  /**
   * A page of a workflow's history in the order of `sort` (newest first by default), with the orders
   * that match the filters, after the order placed at `afterPlacedAt`. A page is never short while
   * matching orders follow.
   */
  getHistory(options: HistoryOptions): Promise<OrderPage>;

  /**
   * A page of the latest order of each workflow that placed one in the retention window, newest
   * first, one row per workflow, with only the rows that match the options (filters and
   * visibility); a page is never short while matching rows follow.
   */
  getLatestOrders(options: LatestOrdersOptions): Promise<LatestOrderPage>;

  /**
   * The latest order of each workflow whose latest order was placed at `since` (epoch seconds) or
   * later, newest first, at most `limit` of them; `more` when others were left unread. The live
   * watcher reads it once per interval; a store without it serves no live updates.
   */
  getLatestOrdersSince?(options: {
    since: number;
    limit: number;
  }): Promise<LatestOrdersSince>;

  /**
   * Optional. A workflow's orders placed after `after` (epoch seconds), newest first, at most
   * `limit`; `more` when others were left unread. The live updates read it for the Orders tabs
   * browsers show; without it, those tabs load their page again.
   */
  getOrdersAfter?(options: {
    workflowId: string;
    after: number;
    limit: number;
  }): Promise<{ orders: WorkflowOrderRecord[]; more: boolean }>;

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
