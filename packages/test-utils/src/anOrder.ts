import type { WorkflowOrderInput } from '@workflow-orders/table';
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
