import { http, HttpResponse } from 'msw';
import { ResponseError } from '@backstage/errors';
import { demoWorkflows } from '../mocks/data';
import { WorkflowNotVisibleError } from './errors';
import {
  TEST_BASE_URL,
  createTestClient,
  setupMockBackend,
} from '../__testUtils__/mockBackend';

const [dax, eurusd, , idle, failing, , hidden] = demoWorkflows;

describe('WorkflowOrdersClient', () => {
  const { server, requests } = setupMockBackend();

  it('reads a page of orders, newest first, with the cursor of the next page', async () => {
    // Prepare
    const client = createTestClient();

    // Act
    const page = await client.getOrders({ workflowId: dax.id, limit: 20 });

    // Assess
    expect(page.orders).toHaveLength(20);
    expect(page.total_count).toBe(27);
    const times = page.orders.map(order => Date.parse(order.placed_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(requests[0].url.searchParams.get('limit')).toBe('20');
  });

  it('passes the cursor to read the next page', async () => {
    const client = createTestClient();
    const first = await client.getOrders({ workflowId: dax.id });

    const second = await client.getOrders({
      workflowId: dax.id,
      cursor: first.next_cursor!,
    });

    expect(second.orders.map(o => o.id)).toEqual(
      dax.orders.slice(20).map(o => o.id),
    );
    expect(second.next_cursor).toBeNull();
  });

  it('asks for the sort and filters, and counts the orders that match', async () => {
    // Prepare
    const client = createTestClient();
    const sells = dax.orders.filter(o => o.order_direction === 'SELL');

    // Act
    const page = await client.getOrders({
      workflowId: dax.id,
      sort: 'oldest',
      direction: 'SELL',
      code: 'dax.i',
    });

    // Assess
    expect(page.total_count).toBe(sells.length);
    expect(page.orders.map(o => o.id)).toEqual(sells.reverse().map(o => o.id));
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({
      sort: 'oldest',
      direction: 'SELL',
      code: 'dax.i',
    });
  });

  it('reads a page of the latest order of each workflow, newest first', async () => {
    // Prepare
    const client = createTestClient();

    // Act
    const page = await client.getLatestOrders({
      limit: 2,
      workflowIds: [dax.id, eurusd.id, idle.id],
    });

    // Assess
    expect(page.orders.map(o => [o.workflow_id, o.id])).toEqual([
      [dax.id, dax.orders[0].id],
      [eurusd.id, eurusd.orders[0].id],
    ]);
    expect(page.orders[0].workflow_name).toBe(dax.name);
    expect(requests[0].url.searchParams.get('workflow_ids')).toBe(
      [dax.id, eurusd.id, idle.id].join(','),
    );
  });

  it('reads one order with its expiry', async () => {
    const client = createTestClient();

    const order = await client.getOrder({ orderId: eurusd.orders[0].id });

    expect(order).toMatchObject({
      id: 'eurusd-001',
      workflow_name: 'EUR/USD Mean Reversion',
      asset_type: 'FxSpot',
    });
    expect(
      Date.parse(order.expires_at) - Date.parse(order.placed_at),
    ).toBeGreaterThan(6 * 86400_000);
  });

  it('asks for the summaries of many workflows in one request, answered in request order', async () => {
    const client = createTestClient();
    const ids = [idle.id, dax.id, eurusd.id];

    const summaries = await client.getSummaries({ workflowIds: ids });

    expect(requests).toHaveLength(1);
    expect(JSON.parse(await requests[0].text())).toEqual({ workflow_ids: ids });
    expect(summaries.map(s => s?.workflow_id)).toEqual(ids);
    expect(summaries[0]?.last_order_timestamp).toBeNull();
    expect(summaries[1]?.last_order_code).toBe('DAX.I');
  });

  it('answers null for a workflow the user may not see, in its place among the others', async () => {
    const client = createTestClient();

    const summaries = await client.getSummaries({
      workflowIds: [dax.id, hidden.id, idle.id],
    });

    expect(summaries.map(s => s?.workflow_id ?? null)).toEqual([
      dax.id,
      null,
      idle.id,
    ]);
  });

  it.each([
    ['history', () => createTestClient().getOrders({ workflowId: hidden.id })],
    [
      'activity',
      () => createTestClient().getWorkflowActivity({ workflowId: hidden.id }),
    ],
  ])(
    'turns the 404 of a workflow the user may not see into a WorkflowNotVisibleError (%s)',
    async (_, read) => {
      const error = await read().catch(e => e);

      expect(error).toBeInstanceOf(WorkflowNotVisibleError);
      expect(error.workflowId).toBe(hidden.id);
      expect(error.cause).toBeInstanceOf(ResponseError);
      expect(error.cause.statusCode).toBe(404);
      expect(error.cause.cause).toMatchObject({
        name: 'NotFoundError',
        message: `No workflow ${hidden.id} was found`,
      });
    },
  );

  it('reports the 404 of an order of a workflow the user may not see as of an unknown order', async () => {
    const client = createTestClient();

    const error = await client
      .getOrder({ orderId: hidden.orders[0].id })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe(
      `No order ${hidden.orders[0].id}: it does not exist or expired after 7 days`,
    );
  });

  it('reads the activity of a workflow with seven daily counts', async () => {
    const client = createTestClient();

    const activity = await client.getWorkflowActivity({
      workflowId: eurusd.id,
    });

    expect(activity.total_count).toBe(4);
    expect(activity.daily_counts).toHaveLength(7);
    expect(activity.daily_counts.reduce((sum, day) => sum + day.count, 0)).toBe(
      4,
    );
  });

  it('turns a Backstage error body into a ResponseError that says what went wrong', async () => {
    const client = createTestClient();

    const error = await client
      .getOrders({ workflowId: failing.id })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toBe('Request failed with 503 Service Unavailable');
    expect(error.cause).toMatchObject({
      name: 'ServiceUnavailableError',
      message: `DynamoDB at http://localhost:8000 did not answer (while reading the orders of workflow ${failing.id}): connect ECONNREFUSED 127.0.0.1:8000`,
    });
  });

  it.each([
    [{ workflowId: 'wf-1' }, 'workflowId must be a UUID'],
    [{ workflowId: dax.id, limit: 0 }, 'limit must be between 1 and 100'],
    [{ workflowId: dax.id, limit: 101 }, 'limit must be between 1 and 100'],
    [
      {
        workflowId: dax.id,
        cursor: btoa(JSON.stringify({ w: idle.id, o: 1 })),
      },
      `cursor belongs to another workflow than ${dax.id}; start again without a cursor`,
    ],
  ])(
    'reports the 400 of a history request %p with the backend message',
    async (options, message) => {
      const client = createTestClient();

      const error = await client.getOrders(options).catch(e => e);

      expect(error.statusCode).toBe(400);
      expect(error.cause).toMatchObject({ name: 'InputError', message });
    },
  );

  it('reports the 400 of an activity request for a workflow id that is no UUID', async () => {
    const client = createTestClient();

    const error = await client
      .getWorkflowActivity({ workflowId: 'wf-1' })
      .catch(e => e);

    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe('workflowId must be a UUID');
  });

  it('reports the 400 of a summaries request with the backend message', async () => {
    const client = createTestClient();

    const error = await client
      .getSummaries({ workflowIds: [dax.id, 'wf-2'] })
      .catch(e => e);

    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe('workflow_ids.1 must be a UUID');
  });

  it('reports a 404 for an expired order with the backend message', async () => {
    const client = createTestClient();

    const error = await client
      .getOrder({ orderId: 'test-order-001' })
      .catch(e => e);

    expect(error.statusCode).toBe(404);
    expect(error.cause).toMatchObject({
      name: 'NotFoundError',
      message:
        'No order test-order-001: it does not exist or expired after 7 days',
    });
  });

  it('names the field when the backend answers in an unexpected shape', async () => {
    // Prepare
    server.use(
      http.get(`${TEST_BASE_URL}/workflows/:workflowId/activity`, () =>
        HttpResponse.json({
          workflow_id: dax.id,
          total_count: -1,
          last_order: null,
          daily_counts: [],
        }),
      ),
    );
    const client = createTestClient();

    // Act
    const error = await client
      .getWorkflowActivity({ workflowId: dax.id })
      .catch(e => e);

    // Assess
    expect(error.message).toMatch(
      /^The workflow-orders backend sent an unexpected answer: total_count: /,
    );
  });
});
