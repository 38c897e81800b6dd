import { http, HttpResponse } from 'msw';
import { ResponseError } from '@backstage/errors';
import {
  answerError,
  bundFuturesCarry,
  createTestClient,
  cursorOfAnotherWorkflow,
  daxBreakout,
  eurUsdMeanReversion,
  healthyWorkflows,
  nasdaqOpeningRange,
  orderNotFound,
  setupMockBackend,
  storeUnavailable,
  TEST_BASE_URL,
  workflowNotFound,
} from '../__testUtils__';
import { WorkflowNotVisibleError } from './errors';

const [dax, eurusd, idle, hidden] = [
  daxBreakout(),
  eurUsdMeanReversion(),
  nasdaqOpeningRange(),
  bundFuturesCarry(),
];
const client = createTestClient();

describe('WorkflowOrdersClient', () => {
  const { server, requests, serve } = setupMockBackend();

  it('reads a page of orders, newest first, with the cursor of the next page', async () => {
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
    expect(page.orders.map(o => o.id)).toEqual(
      [...sells].reverse().map(o => o.id),
    );
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({
      sort: 'oldest',
      direction: 'SELL',
      code: 'dax.i',
    });
  });

  it('reads a page of the latest order of each workflow, newest first', async () => {
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
    const ids = [idle.id, dax.id, eurusd.id];

    const summaries = await client.getSummaries({ workflowIds: ids });

    expect(requests).toHaveLength(1);
    expect(JSON.parse(await requests[0].text())).toEqual({ workflow_ids: ids });
    expect(summaries.map(s => s?.workflow_id)).toEqual(ids);
    expect(summaries[0]?.last_order_timestamp).toBeNull();
    expect(summaries[1]?.last_order_code).toBe('DAX.I');
  });

  it('answers null for a workflow the user may not see, in its place among the others', async () => {
    serve([...healthyWorkflows(), hidden]);

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
    ['history', () => client.getOrders({ workflowId: hidden.id })],
    ['activity', () => client.getWorkflowActivity({ workflowId: hidden.id })],
  ])(
    'turns the 404 of a workflow the user may not see into a WorkflowNotVisibleError (%s)',
    async (_, read) => {
      serve([...healthyWorkflows(), hidden]);

      const error = await read().catch(e => e);

      expect(error).toBeInstanceOf(WorkflowNotVisibleError);
      expect(error.workflowId).toBe(hidden.id);
      expect(error.cause).toBeInstanceOf(ResponseError);
      expect(error.cause.statusCode).toBe(404);
      expect(error.cause.cause).toMatchObject({
        name: 'NotFoundError',
        message: workflowNotFound(hidden.id).message,
      });
    },
  );

  it('reports the 404 of an order of a workflow the user may not see as of an unknown order', async () => {
    serve([...healthyWorkflows(), hidden]);

    const error = await client
      .getOrder({ orderId: hidden.orders[0].id })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe(
      orderNotFound(hidden.orders[0].id).message,
    );
  });

  it('reads the activity of a workflow with seven daily counts', async () => {
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
    // Prepare
    const unavailable = storeUnavailable(
      `reading the orders of workflow ${dax.id}`,
    );
    server.use(
      answerError('get', '/workflows/:workflowId/orders', unavailable),
    );

    // Act
    const error = await client.getOrders({ workflowId: dax.id }).catch(e => e);

    // Assess
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toBe('Request failed with 503 Service Unavailable');
    expect(error.cause).toMatchObject({
      name: 'ServiceUnavailableError',
      message: unavailable.message,
    });
  });

  /** A history request with the cursor of the first page of EUR/USD's history. */
  const withCursorOfAnotherWorkflow = async () => {
    const first = await client.getOrders({ workflowId: eurusd.id, limit: 1 });
    return client.getOrders({ workflowId: dax.id, cursor: first.next_cursor! });
  };

  it.each<[string, () => Promise<unknown>, number, string, string]>([
    [
      'a history request for a workflow id that is no UUID',
      () => client.getOrders({ workflowId: 'wf-1' }),
      400,
      'InputError',
      'workflowId must be a UUID',
    ],
    [
      'a limit of 0',
      () => client.getOrders({ workflowId: dax.id, limit: 0 }),
      400,
      'InputError',
      'limit must be between 1 and 100',
    ],
    [
      'a limit of 101',
      () => client.getOrders({ workflowId: dax.id, limit: 101 }),
      400,
      'InputError',
      'limit must be between 1 and 100',
    ],
    [
      'a cursor of another workflow',
      withCursorOfAnotherWorkflow,
      400,
      'InputError',
      cursorOfAnotherWorkflow(dax.id).message,
    ],
    [
      'an activity request for a workflow id that is no UUID',
      () => client.getWorkflowActivity({ workflowId: 'wf-1' }),
      400,
      'InputError',
      'workflowId must be a UUID',
    ],
    [
      'a summaries request with a workflow id that is no UUID',
      () => client.getSummaries({ workflowIds: [dax.id, 'wf-2'] }),
      400,
      'InputError',
      'workflow_ids.1 must be a UUID',
    ],
    [
      'an expired order',
      () => client.getOrder({ orderId: 'test-order-001' }),
      404,
      'NotFoundError',
      orderNotFound('test-order-001').message,
    ],
  ])(
    'reports the answer to %s with the backend message',
    async (_, read, status, name, message) => {
      const error = (await read().catch(e => e)) as ResponseError;

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause).toMatchObject({ name, message });
    },
  );

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
