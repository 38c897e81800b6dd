import { summariesResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import { demoWorkflows } from './data';
import { TEST_BASE_URL, setupMockBackend } from '../__testUtils__/mockBackend';

const [dax, , , idle, failing, , hidden] = demoWorkflows;

describe('createWorkflowOrdersHandlers', () => {
  setupMockBackend();

  it('answers an outage workflow with the 503 body of the backend', async () => {
    const response = await fetch(
      `${TEST_BASE_URL}/workflows/${failing.id}/activity`,
    );

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        name: 'ServiceUnavailableError',
        message: `DynamoDB at http://localhost:8000 did not answer (while reading the last order of workflow ${failing.id}): connect ECONNREFUSED 127.0.0.1:8000`,
      },
      response: { statusCode: 503 },
    });
  });

  it.each([
    `/workflows/${hidden.id}/orders`,
    `/workflows/${hidden.id}/activity`,
  ])(
    'answers %s of a workflow the user may not see with the 404 of an unknown workflow',
    async path => {
      const response = await fetch(`${TEST_BASE_URL}${path}`);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: {
          name: 'NotFoundError',
          message: `No workflow ${hidden.id} was found`,
        },
        response: { statusCode: 404 },
      });
    },
  );

  it('answers an order of a workflow the user may not see with the 404 of an unknown order', async () => {
    const orderId = hidden.orders[0].id;

    const response = await fetch(`${TEST_BASE_URL}/orders/${orderId}`);

    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe(
      `No order ${orderId}: it does not exist or expired after 7 days`,
    );
  });

  it('answers a null summary for a workflow the user may not see, and a summary for one without orders', async () => {
    const response = await fetch(`${TEST_BASE_URL}/summaries`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workflow_ids: [hidden.id, idle.id] }),
    });

    const body = summariesResponseSchema.parse(await response.json());
    expect(body.summaries[0]).toBeNull();
    expect(body.summaries[1]).toMatchObject({
      workflow_id: idle.id,
      last_order_timestamp: null,
    });
  });

  it.each([
    [`/workflows/${dax.id}/orders?page=2`, 'unknown query parameter page'],
    [
      `/workflows/${dax.id}/orders?limit=1&limit=2`,
      'limit must be between 1 and 100',
    ],
    [`/workflows/${dax.id}/orders?cursor=`, 'cursor must not be empty'],
    [
      `/workflows/${dax.id}/orders?cursor=abc`,
      'cursor is not valid: use the next_cursor of a previous page as it is',
    ],
    [`/workflows/${dax.id}/activity?days=7`, 'unknown query parameter days'],
    ['/orders/has%20space', 'orderId must be printable ASCII without spaces'],
  ])('answers %s with the 400 of the backend', async (path, message) => {
    const response = await fetch(`${TEST_BASE_URL}${path}`);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { name: 'InputError', message },
      response: { statusCode: 400 },
    });
  });

  it('answers a summaries body that is not an object with the 400 of the backend', async () => {
    const response = await fetch(`${TEST_BASE_URL}/summaries`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([dax.id]),
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      'The body must be a JSON object like {"workflow_ids": ["<uuid>"]}',
    );
  });

  it('answers an unknown order with the 404 of the backend', async () => {
    const response = await fetch(`${TEST_BASE_URL}/orders/test-order-001`);

    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({
      name: 'NotFoundError',
      message:
        'No order test-order-001: it does not exist or expired after 7 days',
    });
  });
});
