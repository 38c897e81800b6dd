import {
  expiryOf,
  workflowOrderInputSchema,
  type WorkflowOrderRecord,
} from '@workflow-orders/plugin-workflow-orders-common';
import { randomUUID } from 'node:crypto';

/** An order that passed validation, names and enums already normalised. */
export type ValidOrder = ReturnType<typeof workflowOrderInputSchema.parse>;

/** The item written for an order; optional attributes are left out rather than set to undefined. */
export type OrderItem = Omit<
  WorkflowOrderRecord,
  'asset_type' | 'trigger_close'
> & {
  asset_type?: string;
  trigger_close?: number;
};

/**
 * Epoch seconds as stored: milliseconds from a clock or a Date, up to microseconds from a caller's
 * number. Rounding here keeps float noise (1763769600.1230001) out of the sort key.
 */
export function toEpochSeconds(
  value: number | Date | undefined,
  nowMs: number,
): number {
  if (value === undefined) return nowMs / 1000;
  if (value instanceof Date) return Math.round(value.getTime()) / 1000;
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The item stored for a valid order. Optional fields that are absent stay absent rather than
 * undefined, which the document client would refuse to marshall.
 */
export function toItem(
  order: ValidOrder,
  executionContext: string,
  nowMs: number = Date.now(),
): OrderItem {
  const placedAt = toEpochSeconds(order.placed_at, nowMs);
  const item: OrderItem = {
    id: order.id ?? randomUUID(),
    workflow_id: order.workflow_id,
    workflow_name: order.workflow_name,
    placed_at: placedAt,
    order_code: order.order_code,
    order_price: order.order_price,
    order_quantity: order.order_quantity,
    order_direction: order.order_direction,
    order_type: order.order_type,
    execution_context: order.execution_context ?? executionContext,
    ttl: expiryOf(placedAt),
  };
  if (order.asset_type !== undefined) item.asset_type = order.asset_type;
  if (order.trigger_close !== undefined)
    item.trigger_close = order.trigger_close;
  return item;
}

/** Names an order in a log line, whatever shape it came in. */
export function describeOrder(order: unknown): string {
  const { id, workflow_id: workflowId } =
    typeof order === 'object' && order !== null
      ? (order as Record<string, unknown>)
      : {};
  const idPart = typeof id === 'string' ? ` ${id}` : '';
  const workflowPart =
    typeof workflowId === 'string' ? ` of workflow ${workflowId}` : '';
  return `Order${idPart}${workflowPart}`;
}
