import { z } from 'zod';
import {
  describeIssues,
  isUuid,
  orderIdSchema,
  workflowIdSchema,
} from './fields';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';

describe('workflowIdSchema', () => {
  it('accepts a UUID in any case and gives it in lower case', () => {
    expect(workflowIdSchema.parse(WORKFLOW_ID.toUpperCase())).toBe(WORKFLOW_ID);
  });

  it.each([
    [undefined, 'is required'],
    [42, 'must be a string'],
    ['wf-1', 'must be a UUID'],
  ])('rejects %p with "%s"', (value, message) => {
    const result = workflowIdSchema.safeParse(value);

    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe(message);
  });
});

describe('orderIdSchema', () => {
  it('accepts the ids other writers use', () => {
    expect(orderIdSchema.parse('test-order-001')).toBe('test-order-001');
  });

  it.each([
    ['', 'must not be empty; must be printable ASCII without spaces'],
    ['a b', 'must be printable ASCII without spaces'],
    ['x'.repeat(129), 'must be at most 128 characters'],
  ])('rejects %p with "%s"', (value, message) => {
    const result = orderIdSchema.safeParse(value);

    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe(message);
  });
});

describe('isUuid', () => {
  it('tells a UUID from anything else', () => {
    expect(isUuid(WORKFLOW_ID)).toBe(true);
    expect(isUuid('wf-1')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});

describe('describeIssues', () => {
  it('names the field of each problem and the unknown fields', () => {
    // Prepare
    const schema = z.strictObject({ workflow_id: workflowIdSchema });

    // Act
    const result = schema.safeParse({ workflow_id: 'wf-1', colour: 'red' });

    // Assess
    expect(describeIssues(result.error!)).toBe(
      'workflow_id: must be a UUID; unknown field colour',
    );
  });
});
