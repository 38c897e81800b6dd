import { z } from 'zod';
import {
  MAX_ORDER_ID_LENGTH,
  describeIssues,
  isUuid,
  normalizeAssetCode,
  normalizeWorkflowId,
  orderIdSchema,
  workflowIdSchema,
} from './fields';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';

describe('workflowIdSchema', () => {
  it('accepts a UUID in any case and gives it in lower case', () => {
    expect(workflowIdSchema.parse(WORKFLOW_ID.toUpperCase())).toBe(WORKFLOW_ID);
  });
});

describe('orderIdSchema', () => {
  it('accepts the ids other writers use', () => {
    expect(orderIdSchema.parse('test-order-001')).toBe('test-order-001');
  });
});

describe('the id schemas', () => {
  const schemas = { workflowIdSchema, orderIdSchema };

  it.each([
    ['workflowIdSchema', undefined, 'is required'],
    ['workflowIdSchema', 42, 'must be a string'],
    ['workflowIdSchema', 'wf-1', 'must be a UUID'],
    [
      'orderIdSchema',
      '',
      'must not be empty; must be printable ASCII without spaces',
    ],
    ['orderIdSchema', 'a b', 'must be printable ASCII without spaces'],
    [
      'orderIdSchema',
      'x'.repeat(MAX_ORDER_ID_LENGTH + 1),
      'must be at most 128 characters',
    ],
  ] as const)('%s rejects %p with "%s"', (name, value, message) => {
    // Act
    const result = schemas[name].safeParse(value);

    // Assess
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe(message);
  });
});

describe('normalizeWorkflowId', () => {
  it('gives a workflow id in lower case', () => {
    expect(normalizeWorkflowId(WORKFLOW_ID.toUpperCase())).toBe(WORKFLOW_ID);
  });
});

describe('normalizeAssetCode', () => {
  it.each(['dax.i', ' DAX.I ', 'Dax.I'])(
    'gives %p trimmed and in upper case',
    code => {
      expect(normalizeAssetCode(code)).toBe('DAX.I');
    },
  );
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
