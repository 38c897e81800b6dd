import { expiryOf, type WorkflowOrderInput } from '@workflow-orders/table';
import { randomUUID } from 'node:crypto';

/**
 * A valid order of a new workflow, as an engine hands it to the recorder; placed now unless told
 * otherwise. The one sample order of the tests, benchmarks and the local portal.
 *
 * @public
 */
export function anOrder(
  overrides: Partial<WorkflowOrderInput> = {},
): WorkflowOrderInput {
  return {
    workflow_id: randomUUID(),
    workflow_name: 'DAX Breakout Strategy',
    order_code: 'FRA40.I',
    order_price: 7850.25,
    order_quantity: 10,
    order_direction: 'BUY',
    order_type: 'LIMIT',
    ...overrides,
  };
}

/**
 * The sample order as the recorder stores it, of workflow `workflowId` at `placedAt` (epoch
 * seconds): with an id of its own and its `ttl`, seven days on. `overrides` replace any field.
 *
 * @public
 */
export function aStoredOrder(
  workflowId: string,
  placedAt: number,
  overrides: Record<string, unknown> = {},
): WorkflowOrderInput & {
  id: string;
  workflow_id: string;
  placed_at: number;
  ttl: number;
} {
  return {
    ...anOrder({ workflow_id: workflowId }),
    id: randomUUID(),
    placed_at: placedAt,
    ttl: expiryOf(placedAt),
    ...overrides,
  } as ReturnType<typeof aStoredOrder>;
}
