import * as contract from '@workflow-orders/plugin-workflow-orders-common';
import {
  ORDER_DIRECTIONS,
  ORDER_RETENTION_SECONDS,
  ORDER_TYPES,
  describeIssues,
  orderIdSchema,
  workflowIdSchema,
} from './orderRecord';

// The API contract keeps its own copy of the vocabulary, so the frontend never loads this package.
describe('the vocabulary of stored records', () => {
  it('is the one of the API contract', () => {
    expect(ORDER_RETENTION_SECONDS).toBe(contract.ORDER_RETENTION_SECONDS);
    expect(ORDER_DIRECTIONS).toEqual(contract.ORDER_DIRECTIONS);
    expect(ORDER_TYPES).toEqual(contract.ORDER_TYPES);
  });

  it.each(['550E8400-E29B-41D4-A716-446655440000', 'wf-1', '', 42, undefined])(
    'reads the workflow id %p as the API contract does',
    value => {
      const stored = workflowIdSchema.safeParse(value);
      const api = contract.workflowIdSchema.safeParse(value);

      expect(stored.data).toEqual(api.data);
      expect(stored.error && describeIssues(stored.error)).toEqual(
        api.error && contract.describeIssues(api.error),
      );
    },
  );

  it.each(['test-order-001', 'a b', '', 'x'.repeat(129), null])(
    'reads the order id %p as the API contract does',
    value => {
      const stored = orderIdSchema.safeParse(value);
      const api = contract.orderIdSchema.safeParse(value);

      expect(stored.data).toEqual(api.data);
      expect(stored.error && describeIssues(stored.error)).toEqual(
        api.error && contract.describeIssues(api.error),
      );
    },
  );
});
