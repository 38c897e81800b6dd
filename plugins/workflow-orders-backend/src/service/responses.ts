import {
  expiryOf,
  type LatestOrderItem,
  type WorkflowOrderDetail,
  type WorkflowOrderListItem,
  type WorkflowOrderSummary,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';

/** An epoch-seconds time as an ISO 8601 UTC string, keeping milliseconds. */
export function isoTime(epochSeconds: number): string {
  return new Date(Math.round(epochSeconds * 1000)).toISOString();
}

/** A stored record as one line of a workflow's history. */
export function toListItem(record: WorkflowOrderRecord): WorkflowOrderListItem {
  return {
    id: record.id,
    workflow_id: record.workflow_id,
    placed_at: isoTime(record.placed_at),
    order_code: record.order_code,
    order_price: record.order_price,
    order_quantity: record.order_quantity,
    order_direction: record.order_direction,
    order_type: record.order_type,
  };
}

/** A stored record as a row of the Workflow orders page: a history row with the workflow's name. */
export function toLatestItem(record: WorkflowOrderRecord): LatestOrderItem {
  return { ...toListItem(record), workflow_name: record.workflow_name };
}

/** A stored record with everything known about it, and when it expires. */
export function toDetail(record: WorkflowOrderRecord): WorkflowOrderDetail {
  return {
    ...toListItem(record),
    workflow_name: record.workflow_name,
    asset_type: record.asset_type,
    trigger_close: record.trigger_close,
    execution_context: record.execution_context,
    expires_at: isoTime(expiryOf(record.placed_at)),
  };
}

/** The last order of a workflow as the workflows list shows it; nulls when there is none. */
export function toSummary(
  workflowId: string,
  record: WorkflowOrderRecord | undefined,
): WorkflowOrderSummary {
  return {
    workflow_id: workflowId,
    last_order_timestamp: record ? isoTime(record.placed_at) : null,
    last_order_direction: record?.order_direction ?? null,
    last_order_quantity: record?.order_quantity ?? null,
    last_order_price: record?.order_price ?? null,
    last_order_code: record?.order_code ?? null,
  };
}
