import {
  expiryOf,
  roundToMicroseconds,
  workflowOrderInputSchema,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import { randomUUID } from 'node:crypto';

/** An order that passed validation, names and enums already normalised. */
export type ValidOrder = ReturnType<typeof workflowOrderInputSchema.parse>;

/** The item written for an order; optional attributes are left out rather than set to undefined. */
export type OrderItem = {
  [
    Field in
      | 'id'
      | 'workflow_id'
      | 'placed_at'
      | 'workflow_name'
      | 'order_code'
      | 'order_price'
      | 'order_quantity'
      | 'order_direction'
      | 'order_type'
      | 'execution_context'
  ]: NonNullable<WorkflowOrderRecord[Field]>;
} & {
  asset_type?: string;
  trigger_close?: number;
  ttl: number;
};

/**
 * Epoch seconds of now, with milliseconds, that never repeat: a second order recorded in the same
 * millisecond gets one microsecond more, so a burst keeps its order and needs no collision round.
 */
export function createClock(now: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    const seconds = now() / 1000;
    last = seconds > last ? seconds : roundToMicroseconds(last + 0.000001);
    return last;
  };
}

/** Epoch seconds as stored: milliseconds from a Date, up to microseconds from a caller's number. */
export function toEpochSeconds(value: number | Date): number {
  if (value instanceof Date) return Math.round(value.getTime()) / 1000;
  return roundToMicroseconds(value);
}

/**
 * The item stored for a valid order. Optional fields that are absent stay absent rather than
 * undefined, which the document client would refuse to marshall.
 */
export function toItem(
  order: ValidOrder,
  executionContext: string,
  clock: () => number,
): OrderItem {
  const placedAt =
    order.placed_at === undefined ? clock() : toEpochSeconds(order.placed_at);
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

/** A value fit for a log line: printable ASCII without spaces, as ids and UUIDs are. */
const nameable = (value: unknown): value is string =>
  typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value);

/**
 * Names an order in a log line, whatever shape it came in. Only ever given a validated order or
 * the recorder's own copy of an input, so reading `id` and `workflow_id` runs nobody's getter.
 */
export function describeOrder(order: unknown): string {
  const { id, workflow_id: workflowId } =
    typeof order === 'object' && order !== null
      ? (order as Record<string, unknown>)
      : {};
  const idPart = nameable(id) ? ` ${id}` : '';
  const workflowPart = nameable(workflowId) ? ` of workflow ${workflowId}` : '';
  return `Order${idPart}${workflowPart}`;
}
