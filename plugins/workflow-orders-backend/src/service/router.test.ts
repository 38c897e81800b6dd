import { mockCredentials } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  healthResponseSchema,
  summariesResponseSchema,
  workflowActivitySchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import express from 'express';
import request from 'supertest';
import { mockStore, routerWith, workflowEntity } from '../__testUtils__/access';
import { createCursorCodec } from './cursor';

const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';
const OTHER_WORKFLOW = '6f1c2a8e-2b7d-4c3e-9a10-2f4b5c6d7e8f';
/** The workflows of the catalog; every test here may read them (router.access.test.ts: who may). */
const ENTITIES = [
  workflowEntity('dax-breakout', WORKFLOW),
  workflowEntity('ftse-mean-reversion', OTHER_WORKFLOW),
];
const PLACED_AT = 1_767_225_600.25; // 2026-01-01T00:00:00.250Z

const record = (fields: Partial<WorkflowOrderRecord> = {}) =>
  ({
    id: 'order-1',
    workflow_id: WORKFLOW,
    workflow_name: 'DAX Breakout Strategy',
    placed_at: PLACED_AT,
    order_code: 'FRA40.I',
    order_price: 7850.25,
    order_quantity: 10,
    order_direction: 'BUY',
    order_type: 'LIMIT',
    asset_type: 'CfdOnIndex',
    trigger_close: 7845.5,
    execution_context: 'lambda-event-123abc',
    ...fields,
  }) as WorkflowOrderRecord;

const unavailable = () =>
  new ServiceUnavailableError(
    'DynamoDB is throttling requests to table workflow_orders; try again shortly',
  );

describe('createRouter', () => {
  const store = mockStore();
  const cursors = createCursorCodec({ secret: 'a secret of these tests' });

  const appWith = () => routerWith({ store, entities: ENTITIES });

  let app: express.Express;

  beforeEach(async () => {
    ({ app } = await appWith());
  });

  afterEach(() => {
    jest.resetAllMocks();
  });

  describe('GET /health', () => {
    it('answers 200 while the table answers, without credentials', async () => {
      store.checkHealth.mockResolvedValue({
        reachable: true,
        table: 'workflow_orders',
      });

      const response = await request(app)
        .get('/health')
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(200);
      expect(healthResponseSchema.parse(response.body)).toEqual({
        status: 'ok',
        dynamodb: { reachable: true, table: 'workflow_orders' },
      });
    });

    it('answers 503 with the reason while the table does not', async () => {
      const dynamodb = {
        reachable: false,
        table: 'workflow_orders',
        message: 'DynamoDB at http://localhost:8001 did not answer',
      };
      store.checkHealth.mockResolvedValue(dynamodb);

      const response = await request(app).get('/health');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'unavailable', dynamodb });
    });
  });

  describe('GET /workflows/:workflowId/orders', () => {
    it('answers a page with its orders, count and a cursor that carries the count to the next page', async () => {
      // Prepare
      store.getHistory.mockResolvedValue({
        orders: [record()],
        totalCount: 3,
        nextPlacedAt: PLACED_AT,
      });

      // Act
      const first = await request(app).get(
        `/workflows/${WORKFLOW}/orders?limit=1`,
      );
      const second = await request(app).get(
        `/workflows/${WORKFLOW}/orders?limit=1&cursor=${first.body.next_cursor}`,
      );

      // Assess
      expect(first.status).toBe(200);
      const page = workflowOrderHistoryResponseSchema.parse(first.body);
      expect(page).toMatchObject({
        workflow_id: WORKFLOW,
        total_count: 3,
        limit: 1,
      });
      expect(page.orders).toEqual([
        {
          id: 'order-1',
          workflow_id: WORKFLOW,
          placed_at: '2026-01-01T00:00:00.250Z',
          order_code: 'FRA40.I',
          order_price: 7850.25,
          order_quantity: 10,
          order_direction: 'BUY',
          order_type: 'LIMIT',
        },
      ]);
      expect(second.status).toBe(200);
      expect(store.getHistory).toHaveBeenNthCalledWith(1, {
        workflowId: WORKFLOW,
        limit: 1,
        afterPlacedAt: undefined,
        sort: 'newest',
      });
      expect(store.getHistory).toHaveBeenNthCalledWith(2, {
        workflowId: WORKFLOW,
        limit: 1,
        afterPlacedAt: PLACED_AT,
        sort: 'newest',
        knownCount: { totalCount: 3, exact: true },
      });
    });

    it('answers a lower bound as such, on the first page and the next', async () => {
      // Prepare
      store.getHistory.mockResolvedValueOnce({
        orders: [record()],
        totalCount: 1000,
        totalCountExact: false,
        nextPlacedAt: PLACED_AT,
      });
      store.getHistory.mockResolvedValueOnce({
        orders: [record()],
        totalCount: 1000,
        totalCountExact: false,
      });

      // Act
      const first = await request(app).get(
        `/workflows/${WORKFLOW}/orders?limit=1`,
      );
      const second = await request(app).get(
        `/workflows/${WORKFLOW}/orders?limit=1&cursor=${first.body.next_cursor}`,
      );

      // Assess
      expect(first.body).toMatchObject({
        total_count: 1000,
        total_count_exact: false,
      });
      expect(second.body).toMatchObject({
        total_count: 1000,
        total_count_exact: false,
      });
      expect(store.getHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({
          knownCount: { totalCount: 1000, exact: false },
        }),
      );
    });

    it('asks for 20 orders when no limit is given and ends without a cursor', async () => {
      store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });

      const response = await request(app).get(
        `/workflows/${WORKFLOW.toUpperCase()}/orders`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        workflow_id: WORKFLOW,
        orders: [],
        total_count: 0,
        total_count_exact: true,
        limit: 20,
        next_cursor: null,
      });
      expect(store.getHistory).toHaveBeenCalledWith(
        expect.objectContaining({ workflowId: WORKFLOW, limit: 20 }),
      );
    });

    it('refuses a cursor of another workflow', async () => {
      const cursor = cursors.encode({
        workflowId: OTHER_WORKFLOW,
        placedAt: PLACED_AT,
      });

      const response = await request(app).get(
        `/workflows/${WORKFLOW}/orders?cursor=${cursor}`,
      );

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(/cursor belongs to another workflow/),
      });
      expect(store.getHistory).not.toHaveBeenCalled();
    });

    it('refuses a cursor that was altered', async () => {
      // Prepare
      const cursor = cursors.encode({
        workflowId: WORKFLOW,
        placedAt: PLACED_AT,
      });
      const [, signature] = cursor.split('.');
      const forged = `${Buffer.from(
        JSON.stringify({ w: WORKFLOW, p: PLACED_AT + 3600 }),
      ).toString('base64url')}.${signature}`;

      // Act
      const response = await request(app).get(
        `/workflows/${WORKFLOW}/orders?cursor=${forged}`,
      );

      // Assess
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/cursor is not valid/);
    });

    it.each([
      ['/workflows/wf-1/orders', 'workflowId must be a UUID'],
      [
        `/workflows/${WORKFLOW}/orders?limit=0`,
        'limit must be between 1 and 100',
      ],
      [
        `/workflows/${WORKFLOW}/orders?limit=101`,
        'limit must be between 1 and 100',
      ],
      [
        `/workflows/${WORKFLOW}/orders?limit=ten`,
        'limit must be between 1 and 100',
      ],
      [
        `/workflows/${WORKFLOW}/orders?limit=2.5`,
        'limit must be between 1 and 100',
      ],
      [
        `/workflows/${WORKFLOW}/orders?limit=1&limit=2`,
        'limit must be between 1 and 100',
      ],
      [`/workflows/${WORKFLOW}/orders?cursor=`, 'cursor must not be empty'],
      [`/workflows/${WORKFLOW}/orders?page=2`, 'unknown query parameter page'],
      [
        `/workflows/${WORKFLOW}/orders?cursor=${'x'.repeat(513)}`,
        'cursor must be at most 512 characters',
      ],
      [`/workflows/${WORKFLOW}/orders?cursor=abc.def`, 'cursor is not valid'],
    ])('answers %s with 400 "%s"', async (path, message) => {
      const response = await request(app).get(path);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ name: 'InputError' });
      expect(response.body.error.message).toContain(message);
      expect(store.getHistory).not.toHaveBeenCalled();
    });
  });

  describe('GET /workflows/:workflowId/activity', () => {
    it('answers the count, the last order and the daily counts', async () => {
      // Prepare
      const dailyCounts = [
        { date: '2025-12-31', count: 1 },
        { date: '2026-01-01', count: 2 },
      ];
      store.getActivity.mockResolvedValue({
        totalCount: 3,
        lastOrder: record(),
        dailyCounts,
      });

      // Act
      const response = await request(app).get(
        `/workflows/${WORKFLOW}/activity`,
      );

      // Assess
      expect(response.status).toBe(200);
      const activity = workflowActivitySchema.parse(response.body);
      expect(activity).toMatchObject({
        workflow_id: WORKFLOW,
        total_count: 3,
        last_order: { id: 'order-1', placed_at: '2026-01-01T00:00:00.250Z' },
        daily_counts: dailyCounts,
      });
      expect(store.getActivity).toHaveBeenCalledWith({
        workflowId: WORKFLOW,
        days: 7,
      });
    });

    it('answers null as the last order of a workflow without orders', async () => {
      store.getActivity.mockResolvedValue({ totalCount: 0, dailyCounts: [] });

      const response = await request(app).get(
        `/workflows/${WORKFLOW}/activity`,
      );

      expect(response.status).toBe(200);
      expect(response.body.last_order).toBeNull();
    });

    it.each([
      ['/workflows/not-a-uuid/activity', 'workflowId must be a UUID'],
      [
        `/workflows/${WORKFLOW}/activity?days=30`,
        'unknown query parameter days',
      ],
    ])('answers %s with 400 "%s"', async (path, message) => {
      const response = await request(app).get(path);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(message);
      expect(store.getActivity).not.toHaveBeenCalled();
    });

    it('is no longer served as /summary', async () => {
      const response = await request(app).get(`/workflows/${WORKFLOW}/summary`);

      expect(response.status).toBe(404);
    });
  });

  describe('GET /orders/:orderId', () => {
    it('answers everything known about an order and when it expires', async () => {
      store.getOrder.mockResolvedValue(record());

      const response = await request(app).get('/orders/order-1');

      expect(response.status).toBe(200);
      expect(workflowOrderDetailSchema.parse(response.body)).toEqual({
        id: 'order-1',
        workflow_id: WORKFLOW,
        workflow_name: 'DAX Breakout Strategy',
        placed_at: '2026-01-01T00:00:00.250Z',
        order_code: 'FRA40.I',
        order_price: 7850.25,
        order_quantity: 10,
        order_direction: 'BUY',
        order_type: 'LIMIT',
        asset_type: 'CfdOnIndex',
        trigger_close: 7845.5,
        execution_context: 'lambda-event-123abc',
        expires_at: '2026-01-08T00:00:00.000Z',
      });
      expect(store.getOrder).toHaveBeenCalledWith({ orderId: 'order-1' });
    });

    it("answers null for the fields an order's writer left out", async () => {
      store.getOrder.mockResolvedValue(
        record({
          workflow_name: null,
          asset_type: null,
          trigger_close: null,
          execution_context: null,
        }),
      );

      const response = await request(app).get('/orders/order-1');

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        workflow_name: null,
        asset_type: null,
        trigger_close: null,
        execution_context: null,
      });
    });

    it('answers an unknown or expired order with 404', async () => {
      store.getOrder.mockResolvedValue(undefined);

      const response = await request(app).get('/orders/no-such-order');

      expect(response.status).toBe(404);
      expect(response.body.error).toEqual(
        expect.objectContaining({
          name: 'NotFoundError',
          message:
            'No order no-such-order: it does not exist or expired after 7 days',
        }),
      );
    });

    it.each([
      ['/orders/has%20space', 'orderId must be printable ASCII without spaces'],
      [`/orders/${'a'.repeat(129)}`, 'orderId must be at most 128 characters'],
      ['/orders/order-1?verbose=1', 'unknown query parameter verbose'],
    ])('answers %s with 400 "%s"', async (path, message) => {
      const response = await request(app).get(path);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(message);
      expect(store.getOrder).not.toHaveBeenCalled();
    });
  });

  describe('POST /summaries', () => {
    it('summarises the last order of each workflow in the order asked', async () => {
      // Prepare
      store.getLastOrders.mockResolvedValue([undefined, record()]);

      // Act
      const response = await request(app)
        .post('/summaries')
        .send({ workflow_ids: [OTHER_WORKFLOW, WORKFLOW] });

      // Assess
      expect(response.status).toBe(200);
      expect(summariesResponseSchema.parse(response.body).summaries).toEqual([
        {
          workflow_id: OTHER_WORKFLOW,
          last_order_timestamp: null,
          last_order_direction: null,
          last_order_quantity: null,
          last_order_price: null,
          last_order_code: null,
        },
        {
          workflow_id: WORKFLOW,
          last_order_timestamp: '2026-01-01T00:00:00.250Z',
          last_order_direction: 'BUY',
          last_order_quantity: 10,
          last_order_price: 7850.25,
          last_order_code: 'FRA40.I',
        },
      ]);
      expect(store.getLastOrders).toHaveBeenCalledWith({
        workflowIds: [OTHER_WORKFLOW, WORKFLOW],
      });
    });

    it.each([
      [
        'names a workflow that is no UUID',
        { workflow_ids: [WORKFLOW, 'wf-2'] },
        'workflow_ids.1 must be a UUID',
      ],
      [
        'names no workflow',
        { workflow_ids: [] },
        'workflow_ids must name at least one workflow',
      ],
      [
        'names 501 workflows',
        { workflow_ids: Array.from({ length: 501 }, () => WORKFLOW) },
        'workflow_ids must name at most 500 workflows',
      ],
      [
        'has an unknown field',
        { workflow_ids: [WORKFLOW], colour: 'red' },
        'unknown field colour',
      ],
      [
        'lacks workflow_ids',
        {},
        'workflow_ids must be an array of workflow ids',
      ],
      ['is an array', [WORKFLOW], 'The body must be a JSON object'],
    ])('answers a body that %s with 400', async (_case, body, message) => {
      const response = await request(app).post('/summaries').send(body);

      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
      expect(store.getLastOrders).not.toHaveBeenCalled();
    });

    it('refuses a body far larger than any list page', async () => {
      const response = await request(app)
        .post('/summaries')
        .send({ workflow_ids: [WORKFLOW], note: 'x'.repeat(100_000) });

      expect(response.status).toBe(413);
      expect(store.getLastOrders).not.toHaveBeenCalled();
    });
  });

  describe('auth', () => {
    it.each([
      ['GET', `/workflows/${WORKFLOW}/orders`],
      ['GET', `/workflows/${WORKFLOW}/activity`],
      ['GET', '/orders/order-1'],
      ['POST', '/summaries'],
    ])('answers %s %s without credentials with 401', async (method, path) => {
      const response = await request(app)
        [method === 'GET' ? 'get' : 'post'](path)
        .set('Authorization', mockCredentials.none.header());

      expect(response.status).toBe(401);
      expect(store.getHistory).not.toHaveBeenCalled();
      expect(store.getActivity).not.toHaveBeenCalled();
      expect(store.getOrder).not.toHaveBeenCalled();
      expect(store.getLastOrders).not.toHaveBeenCalled();
    });
  });

  describe('when the store is unavailable', () => {
    it.each([
      ['GET', `/workflows/${WORKFLOW}/orders`, 'getHistory'],
      ['GET', `/workflows/${WORKFLOW}/activity`, 'getActivity'],
      ['GET', '/orders/order-1', 'getOrder'],
      ['POST', '/summaries', 'getLastOrders'],
    ] as const)(
      'answers %s %s with 503 and the reason',
      async (method, path, call) => {
        // Prepare
        store[call].mockRejectedValue(unavailable());

        // Act
        const response = await request(app)
          [method === 'GET' ? 'get' : 'post'](path)
          .send({ workflow_ids: [WORKFLOW] });

        // Assess
        expect(response.status).toBe(503);
        expect(response.body.error).toEqual(
          expect.objectContaining({
            name: 'ServiceUnavailableError',
            message: expect.stringMatching(/DynamoDB is throttling requests/),
          }),
        );
      },
    );
  });
});
