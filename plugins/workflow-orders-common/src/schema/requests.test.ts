import type { z } from 'zod';
import {
  describeRequestIssues,
  historyQuerySchema,
  latestOrdersQuerySchema,
  noQuerySchema,
  orderParamsSchema,
  RequestPart,
  summariesBodySchema,
  workflowParamsSchema,
} from './requests';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';

/** The 400 message a request part gets, or undefined when it parses. */
function messageOf(schema: z.ZodType, value: unknown, part: RequestPart) {
  const result = schema.safeParse(value);
  return result.success ? undefined : describeRequestIssues(result.error, part);
}

describe('workflowParamsSchema', () => {
  it('gives the workflow id in lower case', () => {
    expect(
      workflowParamsSchema.parse({ workflowId: WORKFLOW_ID.toUpperCase() }),
    ).toEqual({ workflowId: WORKFLOW_ID });
  });

  it('names a workflow id that is no UUID', () => {
    expect(
      messageOf(workflowParamsSchema, { workflowId: 'wf-1' }, 'path parameter'),
    ).toBe('workflowId must be a UUID');
  });
});

describe('orderParamsSchema', () => {
  it.each([
    ['has space', 'orderId must be printable ASCII without spaces'],
    ['a'.repeat(129), 'orderId must be at most 128 characters'],
  ])('answers %p with "%s"', (orderId, message) => {
    expect(messageOf(orderParamsSchema, { orderId }, 'path parameter')).toBe(
      message,
    );
  });
});

describe('historyQuerySchema', () => {
  it('takes 20 orders when no limit is given', () => {
    expect(historyQuerySchema.parse({})).toEqual({
      limit: 20,
      sort: 'newest',
    });
  });

  it('reads the limit as a number and keeps the cursor', () => {
    expect(historyQuerySchema.parse({ limit: '100', cursor: 'abc' })).toEqual({
      limit: 100,
      cursor: 'abc',
      sort: 'newest',
    });
  });

  it('reads the sort and the filters, direction and code in any case', () => {
    expect(
      historyQuerySchema.parse({
        sort: 'oldest',
        direction: 'sell',
        code: ' dax.i ',
      }),
    ).toEqual({ limit: 20, sort: 'oldest', direction: 'SELL', code: 'DAX.I' });
  });

  it.each([
    [{ limit: '0' }, 'limit must be between 1 and 100'],
    [{ limit: '101' }, 'limit must be between 1 and 100'],
    [{ limit: 'ten' }, 'limit must be between 1 and 100'],
    [{ limit: '2.5' }, 'limit must be between 1 and 100'],
    [{ limit: ['1', '2'] }, 'limit must be between 1 and 100'],
    [{ cursor: '' }, 'cursor must not be empty'],
    [{ cursor: ['a', 'b'] }, 'cursor must be given once'],
    [{ cursor: 'x'.repeat(513) }, 'cursor must be at most 512 characters'],
    [{ page: '2' }, 'unknown query parameter page'],
    [{ page: '2', order: 'asc' }, 'unknown query parameters page, order'],
    [{ sort: 'asc' }, 'sort must be newest or oldest'],
    [{ direction: 'HOLD' }, 'direction must be BUY or SELL'],
    [{ direction: ['BUY', 'SELL'] }, 'direction must be BUY or SELL'],
    [{ code: ' ' }, 'code must not be empty'],
    [{ code: 'X'.repeat(51) }, 'code must be at most 50 characters'],
  ])('answers %p with "%s"', (query, message) => {
    expect(messageOf(historyQuerySchema, query, 'query parameter')).toBe(
      message,
    );
  });
});

describe('latestOrdersQuerySchema', () => {
  it('takes 50 rows when no limit is given', () => {
    expect(latestOrdersQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it('reads the filters, workflow ids in lower case', () => {
    expect(
      latestOrdersQuerySchema.parse({
        limit: '10',
        direction: 'buy',
        code: 'eurusd',
        workflow_ids: `${WORKFLOW_ID.toUpperCase()},${WORKFLOW_ID}`,
      }),
    ).toEqual({
      limit: 10,
      direction: 'BUY',
      code: 'EURUSD',
      workflow_ids: [WORKFLOW_ID, WORKFLOW_ID],
    });
  });

  it.each([
    [{ limit: '101' }, 'limit must be between 1 and 100'],
    [{ workflow_ids: 'wf-1' }, 'workflow_ids.0 must be a UUID'],
    [
      { workflow_ids: Array(101).fill(WORKFLOW_ID).join(',') },
      'workflow_ids must be a comma-separated list of 1 to 100 workflow ids',
    ],
    [
      { workflow_ids: [WORKFLOW_ID, WORKFLOW_ID] },
      'workflow_ids must be a comma-separated list of 1 to 100 workflow ids',
    ],
    [{ owner: 'group:default/x' }, 'unknown query parameter owner'],
  ])('answers %p with "%s"', (query, message) => {
    expect(messageOf(latestOrdersQuerySchema, query, 'query parameter')).toBe(
      message,
    );
  });
});

describe('noQuerySchema', () => {
  it('names a query parameter of a route that takes none', () => {
    expect(messageOf(noQuerySchema, { verbose: '1' }, 'query parameter')).toBe(
      'unknown query parameter verbose',
    );
  });
});

describe('summariesBodySchema', () => {
  it('gives the workflow ids in lower case', () => {
    expect(
      summariesBodySchema.parse({ workflow_ids: [WORKFLOW_ID.toUpperCase()] }),
    ).toEqual({ workflow_ids: [WORKFLOW_ID] });
  });

  it.each([
    [
      'names a workflow that is no UUID',
      { workflow_ids: [WORKFLOW_ID, 'wf-2'] },
      'workflow_ids.1 must be a UUID',
    ],
    [
      'names no workflow',
      { workflow_ids: [] },
      'workflow_ids must name at least one workflow',
    ],
    [
      'names 501 workflows',
      { workflow_ids: Array.from({ length: 501 }, () => WORKFLOW_ID) },
      'workflow_ids must name at most 500 workflows',
    ],
    [
      'has an unknown field',
      { workflow_ids: [WORKFLOW_ID], colour: 'red' },
      'unknown field colour',
    ],
    ['lacks workflow_ids', {}, 'workflow_ids must be an array of workflow ids'],
    [
      'is an array',
      [WORKFLOW_ID],
      'The body must be a JSON object like {"workflow_ids": ["<uuid>"]}',
    ],
    [
      'is null',
      null,
      'The body must be a JSON object like {"workflow_ids": ["<uuid>"]}',
    ],
  ])('answers a body that %s with "%s"', (_case, body, message) => {
    expect(messageOf(summariesBodySchema, body, 'field')).toBe(message);
  });
});

describe('describeRequestIssues', () => {
  it('names at most three problems', () => {
    // Prepare
    const body = {
      workflow_ids: ['a', 'b', 'c', 'd'],
    };

    // Act
    const message = messageOf(summariesBodySchema, body, 'field');

    // Assess
    expect(message).toBe(
      'workflow_ids.0 must be a UUID; workflow_ids.1 must be a UUID; workflow_ids.2 must be a UUID',
    );
  });
});
