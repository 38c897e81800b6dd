import { mockCredentials } from '@backstage/backend-test-utils';
import {
  healthResponseSchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { Express } from 'express';
import request from 'supertest';
import {
  cursors,
  HIDDEN,
  PLACED_AT,
  routerWith,
  storedRecord,
  UNLINKED,
  VISIBLE,
} from '../__testUtils__/access';
import {
  emptyHistoryOf,
  twoPages,
  useMockStore,
} from '../__testUtils__/routes';

/** A history row of {@link storedRecord} as the routes answer it. */
const LIST_ITEM = {
  id: 'order-1',
  workflow_id: VISIBLE,
  placed_at: '2026-01-01T00:00:00.250Z',
  order_code: 'FRA40.I',
  order_price: 7850.25,
  order_quantity: 10,
  order_direction: 'BUY',
  order_type: 'LIMIT',
};

// What the routes answer and how they read their requests; who may read what is the reads' and
// WorkflowAccess's (their own tests), failures and the audit are router.access.test.ts's.
describe('createRouter', () => {
  const store = useMockStore();
  let app: Express;

  beforeEach(async () => {
    ({ app } = await routerWith({ store }));
  });

  /** How `path` is answered: its status, the error's name and message, and whether the store read. */
  const answerOf = async (
    path: string,
    storeMethod: 'getHistory' | 'getActivity' | 'getOrder',
  ) => {
    const response = await request(app).get(path);
    const { name, message } = response.body.error ?? {};
    return {
      status: response.status,
      name,
      message,
      read: store[storeMethod].mock.calls.length > 0,
    };
  };
  /** The answer of a request refused with `message` before anything is read. */
  const refused = (message: string) => ({
    status: 400,
    name: 'InputError',
    message: expect.stringContaining(message),
    read: false,
  });

  describe('GET /health', () => {
    it.each([
      [200, 'ok', { reachable: true, table: 'workflow_orders' }],
      [
        503,
        'unavailable',
        {
          reachable: false,
          table: 'workflow_orders',
          message: 'DynamoDB at http://localhost:8001 did not answer',
        },
      ],
    ])(
      'answers %s (%s) with what the store says, without credentials',
      async (status, health, dynamodb) => {
        store.checkHealth.mockResolvedValue(dynamodb);

        const response = await request(app)
          .get('/health')
          .set('Authorization', mockCredentials.none.header());

        expect(response.status).toBe(status);
        expect(healthResponseSchema.parse(response.body)).toEqual({
          status: health,
          dynamodb,
        });
      },
    );
  });

  describe('GET /workflows/:workflowId/orders', () => {
    it('answers a page with its orders, count and a cursor that carries the count to the next page', async () => {
      // Prepare
      store.getHistory.mockResolvedValue({
        orders: [storedRecord()],
        totalCount: 3,
        nextPlacedAt: PLACED_AT,
      });

      // Act
      const [first, second] = await twoPages(
        app,
        `/workflows/${VISIBLE}/orders?limit=1`,
      );

      // Assess
      expect(first.status).toBe(200);
      expect(workflowOrderHistoryResponseSchema.parse(first.body)).toEqual({
        workflow_id: VISIBLE,
        orders: [LIST_ITEM],
        total_count: 3,
        total_count_exact: true,
        limit: 1,
        next_cursor: expect.any(String),
      });
      expect(second.status).toBe(200);
      expect(store.getHistory).toHaveBeenNthCalledWith(1, {
        workflowId: VISIBLE,
        limit: 1,
        afterPlacedAt: undefined,
        sort: 'newest',
      });
      expect(store.getHistory).toHaveBeenNthCalledWith(2, {
        workflowId: VISIBLE,
        limit: 1,
        afterPlacedAt: PLACED_AT,
        sort: 'newest',
        knownCount: { totalCount: 3, exact: true },
      });
    });

    it('answers a lower bound as such, on the first page and the next', async () => {
      // Prepare
      const lowerBound = { totalCount: 1000, totalCountExact: false };
      store.getHistory.mockResolvedValueOnce({
        orders: [storedRecord()],
        ...lowerBound,
        nextPlacedAt: PLACED_AT,
      });
      store.getHistory.mockResolvedValueOnce({
        orders: [storedRecord()],
        ...lowerBound,
      });

      // Act
      const pages = await twoPages(app, `/workflows/${VISIBLE}/orders?limit=1`);

      // Assess
      for (const page of pages) {
        expect(page.body).toMatchObject({
          total_count: 1000,
          total_count_exact: false,
        });
      }
      expect(store.getHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({
          knownCount: { totalCount: 1000, exact: false },
        }),
      );
    });

    it('reads the workflow in lower case, asks for 20 orders when no limit is given and ends without a cursor', async () => {
      store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });

      const response = await request(app).get(
        `/workflows/${VISIBLE.toUpperCase()}/orders`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual(emptyHistoryOf(VISIBLE));
      expect(store.getHistory).toHaveBeenCalledWith(
        expect.objectContaining({ workflowId: VISIBLE, limit: 20 }),
      );
    });

    it('refuses a cursor of another workflow', async () => {
      const cursor = cursors.encode({ workflowId: HIDDEN, placedAt: 1 });

      expect(
        await answerOf(
          `/workflows/${VISIBLE}/orders?cursor=${cursor}`,
          'getHistory',
        ),
      ).toEqual(refused(`cursor belongs to another workflow than ${VISIBLE}`));
    });

    it.each([
      ['/workflows/wf-1/orders', 'workflowId must be a UUID'],
      ...['0', '101', 'ten', '2.5', '1&limit=2'].map(limit => [
        `/workflows/${VISIBLE}/orders?limit=${limit}`,
        'limit must be between 1 and 100',
      ]),
      [`/workflows/${VISIBLE}/orders?cursor=`, 'cursor must not be empty'],
      [`/workflows/${VISIBLE}/orders?page=2`, 'unknown query parameter page'],
      [
        `/workflows/${VISIBLE}/orders?cursor=${'x'.repeat(513)}`,
        'cursor must be at most 512 characters',
      ],
      [`/workflows/${VISIBLE}/orders?cursor=abc.def`, 'cursor is not valid'],
    ])('answers %s with 400 "%s"', async (path, message) => {
      expect(await answerOf(path, 'getHistory')).toEqual(refused(message));
    });
  });

  describe('GET /workflows/:workflowId/activity', () => {
    it('answers the count, the last order and the daily counts of 7 days', async () => {
      // Prepare
      const dailyCounts = [
        { date: '2025-12-31', count: 1 },
        { date: '2026-01-01', count: 2 },
      ];
      store.getActivity.mockResolvedValue({
        totalCount: 3,
        lastOrder: storedRecord(),
        dailyCounts,
      });

      // Act
      const response = await request(app).get(`/workflows/${VISIBLE}/activity`);

      // Assess
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        workflow_id: VISIBLE,
        total_count: 3,
        last_order: LIST_ITEM,
        daily_counts: dailyCounts,
      });
      expect(store.getActivity).toHaveBeenCalledWith({
        workflowId: VISIBLE,
        days: 7,
      });
    });

    it('answers null as the last order of a workflow without orders', async () => {
      store.getActivity.mockResolvedValue({ totalCount: 0, dailyCounts: [] });

      const response = await request(app).get(`/workflows/${VISIBLE}/activity`);

      expect(response.status).toBe(200);
      expect(response.body.last_order).toBeNull();
    });

    it.each([
      ['/workflows/not-a-uuid/activity', 'workflowId must be a UUID'],
      [
        `/workflows/${VISIBLE}/activity?days=30`,
        'unknown query parameter days',
      ],
    ])('answers %s with 400 "%s"', async (path, message) => {
      expect(await answerOf(path, 'getActivity')).toEqual(refused(message));
    });

    it('is no longer served as /summary', async () => {
      const response = await request(app).get(`/workflows/${VISIBLE}/summary`);

      expect(response.status).toBe(404);
    });
  });

  describe('GET /orders/:orderId', () => {
    it('answers everything known about an order and when it expires', async () => {
      store.getOrder.mockResolvedValue(storedRecord());

      const response = await request(app).get('/orders/order-1');

      expect(response.status).toBe(200);
      expect(workflowOrderDetailSchema.parse(response.body)).toEqual({
        ...LIST_ITEM,
        workflow_name: 'DAX Breakout Strategy',
        asset_type: 'CfdOnIndex',
        trigger_close: 7845.5,
        execution_context: 'lambda-event-123abc',
        expires_at: '2026-01-08T00:00:00.000Z',
      });
      expect(store.getOrder).toHaveBeenCalledWith({ orderId: 'order-1' });
    });

    it("answers null for the fields an order's writer left out", async () => {
      const leftOut = {
        workflow_name: null,
        asset_type: null,
        trigger_close: null,
        execution_context: null,
      };
      store.getOrder.mockResolvedValue(storedRecord(leftOut));

      const response = await request(app).get('/orders/order-1');

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject(leftOut);
    });

    it.each([
      ['/orders/has%20space', 'orderId must be printable ASCII without spaces'],
      [`/orders/${'a'.repeat(129)}`, 'orderId must be at most 128 characters'],
      ['/orders/order-1?verbose=1', 'unknown query parameter verbose'],
    ])('answers %s with 400 "%s"', async (path, message) => {
      expect(await answerOf(path, 'getOrder')).toEqual(refused(message));
    });
  });

  describe('POST /summaries', () => {
    it('summarises the last order of each workflow in the order asked', async () => {
      // Prepare
      store.getLastOrders.mockResolvedValue([undefined, storedRecord()]);

      // Act
      const response = await request(app)
        .post('/summaries')
        .send({ workflow_ids: [UNLINKED, VISIBLE.toUpperCase()] });

      // Assess
      expect(response.status).toBe(200);
      expect(response.body.summaries).toEqual([
        {
          workflow_id: UNLINKED,
          last_order_timestamp: null,
          last_order_direction: null,
          last_order_quantity: null,
          last_order_price: null,
          last_order_code: null,
        },
        {
          workflow_id: VISIBLE,
          last_order_timestamp: '2026-01-01T00:00:00.250Z',
          last_order_direction: 'BUY',
          last_order_quantity: 10,
          last_order_price: 7850.25,
          last_order_code: 'FRA40.I',
        },
      ]);
      expect(store.getLastOrders).toHaveBeenCalledWith({
        workflowIds: [UNLINKED, VISIBLE],
      });
    });

    // Each rule of the body has its test with the schema (summariesBodySchema).
    it.each([
      [
        'names a workflow that is no UUID',
        { workflow_ids: [VISIBLE, 'wf-2'] },
        400,
        'workflow_ids.1 must be a UUID',
      ],
      ['is an array', [VISIBLE], 400, 'The body must be a JSON object'],
      [
        'is far larger than any list page',
        { workflow_ids: [VISIBLE], note: 'x'.repeat(100_000) },
        413,
        'request entity too large',
      ],
    ])(
      'answers a body that %s with %s, reading nothing',
      async (_case, body, status, message) => {
        const response = await request(app).post('/summaries').send(body);

        expect(response.status).toBe(status);
        expect(response.body.error.message).toContain(message);
        expect(store.getLastOrders).not.toHaveBeenCalled();
      },
    );
  });
});
