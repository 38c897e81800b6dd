import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ORDER_RETENTION_SECONDS,
  healthResponseSchema,
  summariesResponseSchema,
  workflowActivitySchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  faultEveryRequest,
  quickstartItem,
  useTestTable,
} from '@workflow-orders/test-utils';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { BASE, startBackendOn } from '../__testUtils__/backend';
import { OrderTable, orderItem } from '../__testUtils__/orders';
import { emptyHistoryOf } from '../__testUtils__/routes';

jest.setTimeout(60_000);

const now = () => Date.now() / 1000;

describe('workflow-orders router', () => {
  // The backend reads through the proxy, which makes the outages.
  const dynamo = useTestTable({
    tableName: 'orders_router_test',
    faultProxy: true,
  });
  let server: Server;
  /** The table, to write into as another writer would. */
  const table = () => new OrderTable(dynamo.client, dynamo.tableName);

  const startBackend = (...features: any[]) =>
    startBackendOn(dynamo, { endpoint: dynamo.proxy.endpoint, features });

  beforeAll(async () => {
    server = await startBackend();
  });

  const get = (path: string) => request(server).get(`${BASE}${path}`);
  const summaries = (body: unknown) =>
    request(server)
      .post(`${BASE}/summaries`)
      .send(body as object);

  async function workflowWith(count: number, start = now() - 60) {
    const workflowId = randomUUID();
    const items = Array.from({ length: count }, (_, index) =>
      orderItem({ workflow_id: workflowId, placed_at: start - index * 30 }),
    );
    await table().putAll(items);
    return { workflowId, ids: items.map(item => item.id as string) };
  }

  describe('GET /workflows/:workflowId/orders', () => {
    it('pages through the history newest first with a cursor', async () => {
      // Prepare
      const { workflowId, ids } = await workflowWith(3);

      // Act
      const first = await get(`/workflows/${workflowId}/orders?limit=2`);
      const second = await get(
        `/workflows/${workflowId}/orders?limit=2&cursor=${first.body.next_cursor}`,
      );

      // Assess
      expect(first.status).toBe(200);
      const page = workflowOrderHistoryResponseSchema.parse(first.body);
      expect(page.orders.map(order => order.id)).toEqual(ids.slice(0, 2));
      expect(page.total_count).toBe(3);
      expect(page.limit).toBe(2);
      expect(page.orders[0]).toMatchObject({
        workflow_id: workflowId,
        order_direction: 'BUY',
        order_type: 'LIMIT',
      });
      expect(second.status).toBe(200);
      expect(second.body.orders.map((order: any) => order.id)).toEqual([
        ids[2],
      ]);
      expect(second.body.next_cursor).toBeNull();
    });

    it('returns 20 orders when no limit is given', async () => {
      const { workflowId } = await workflowWith(25);

      const response = await get(`/workflows/${workflowId}/orders`);

      expect(response.status).toBe(200);
      expect(response.body.orders).toHaveLength(20);
      expect(response.body.total_count).toBe(25);
      expect(response.body.limit).toBe(20);
    });

    it('answers a workflow without orders with an empty list', async () => {
      const workflowId = randomUUID();

      const response = await get(
        `/workflows/${workflowId.toUpperCase()}/orders`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual(emptyHistoryOf(workflowId));
    });
  });

  describe('GET /orders/:orderId', () => {
    it('returns everything known about an order and when it expires', async () => {
      // Prepare
      const placedAt = Math.floor(now()) - 100;
      await table().put(
        orderItem({
          workflow_id: randomUUID(),
          placed_at: placedAt,
          id: 'detail-1',
        }),
      );

      // Act
      const response = await get('/orders/detail-1');

      // Assess
      expect(response.status).toBe(200);
      expect(workflowOrderDetailSchema.parse(response.body)).toMatchObject({
        id: 'detail-1',
        workflow_name: 'DAX Breakout Strategy',
        asset_type: 'CfdOnIndex',
        trigger_close: 7845.5,
        execution_context: 'lambda-event-123abc',
        placed_at: new Date(placedAt * 1000).toISOString(),
        expires_at: new Date(
          (placedAt + ORDER_RETENTION_SECONDS) * 1000,
        ).toISOString(),
      });
    });

    it('finds the quickstart test item written with an integer time', async () => {
      // Prepare
      const placedAt = Math.floor(now());
      await dynamo.client.send(
        new PutItemCommand({
          TableName: dynamo.tableName,
          Item: quickstartItem({
            workflowId: '550e8400-e29b-41d4-a716-446655440000',
            placedAt,
          }),
        }),
      );

      // Act
      const response = await get('/orders/test-order-001');
      const history = await get(
        '/workflows/550e8400-e29b-41d4-a716-446655440000/orders',
      );

      // Assess
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: 'test-order-001',
        asset_type: null,
        trigger_close: null,
        execution_context: null,
      });
      expect(history.body.orders.map((order: any) => order.id)).toEqual([
        'test-order-001',
      ]);
    });

    it.each([
      ['an unknown order', 'no-such-order', undefined],
      [
        'an expired order',
        'expired-order',
        now() - ORDER_RETENTION_SECONDS - 60,
      ],
    ])('answers %s with 404', async (_case, orderId, placedAt) => {
      if (placedAt) {
        await table().put(
          orderItem({
            workflow_id: randomUUID(),
            placed_at: placedAt,
            id: orderId,
          }),
        );
      }

      const response = await get(`/orders/${orderId}`);

      expect(response.status).toBe(404);
      expect(response.body.error.name).toBe('NotFoundError');
    });
  });

  describe('POST /summaries', () => {
    it('summarises the last order of each workflow in the order asked', async () => {
      // Prepare
      const busy = await workflowWith(3);
      const idle = randomUUID();

      // Act
      const response = await summaries({
        workflow_ids: [idle, busy.workflowId],
      });

      // Assess
      expect(response.status).toBe(200);
      const { summaries: result } = summariesResponseSchema.parse(
        response.body,
      );
      expect(result).toEqual([
        {
          workflow_id: idle,
          last_order_timestamp: null,
          last_order_direction: null,
          last_order_quantity: null,
          last_order_price: null,
          last_order_code: null,
        },
        expect.objectContaining({
          workflow_id: busy.workflowId,
          last_order_direction: 'BUY',
          last_order_code: 'FRA40.I',
          last_order_price: 7850.25,
          last_order_quantity: 10,
        }),
      ]);
    });
  });

  describe('GET /workflows/:workflowId/activity', () => {
    it('gives the count, the last order and 7 daily counts, today last', async () => {
      // Prepare
      const { workflowId, ids } = await workflowWith(4, now() - 1);

      // Act
      const response = await get(`/workflows/${workflowId}/activity`);

      // Assess
      expect(response.status).toBe(200);
      const activity = workflowActivitySchema.parse(response.body);
      expect(activity.total_count).toBe(4);
      expect(activity.last_order?.id).toBe(ids[0]);
      expect(activity.daily_counts).toHaveLength(7);
      expect(
        activity.daily_counts.reduce((sum, day) => sum + day.count, 0),
      ).toBe(4);
      expect(activity.daily_counts[6].date).toBe(
        new Date().toISOString().slice(0, 10),
      );
    });
  });

  describe('auth', () => {
    it('answers health without credentials', async () => {
      const response = await get('/health').set(
        'Authorization',
        mockCredentials.none.header(),
      );

      expect(response.status).toBe(200);
      expect(healthResponseSchema.parse(response.body)).toEqual({
        status: 'ok',
        dynamodb: { reachable: true, table: dynamo.tableName },
      });
    });

    it('answers 401 when the backend sees no credentials at all', async () => {
      const anonymous = await startBackend(
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      );

      const history = await request(anonymous).get(
        `${BASE}/workflows/${randomUUID()}/orders`,
      );
      const health = await request(anonymous).get(`${BASE}/health`);

      expect(history.status).toBe(401);
      expect(health.status).toBe(200);
    });
  });

  describe('outages', () => {
    it('answers 503 while DynamoDB does not answer, and recovers when it does', async () => {
      // Prepare
      const { workflowId } = await workflowWith(1);
      dynamo.proxy.set({ blackhole: true });

      // Act
      const during = await get(`/workflows/${workflowId}/orders`);
      const health = await get('/health');
      dynamo.proxy.set({ blackhole: false });
      const after = await get(`/workflows/${workflowId}/orders`);

      // Assess
      expect(during.status).toBe(503);
      expect(during.body.error.name).toBe('ServiceUnavailableError');
      expect(during.body.error.message).toMatch(/DynamoDB did not answer/);
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'unavailable',
        dynamodb: { reachable: false },
      });
      expect(after.status).toBe(200);
      expect(after.body.orders).toHaveLength(1);
    });

    it('answers 503 while DynamoDB throttles', async () => {
      dynamo.proxy.set(faultEveryRequest('throttle'));

      const response = await summaries({ workflow_ids: [randomUUID()] });

      expect(response.status).toBe(503);
      expect(response.body.error.message).toMatch(
        /DynamoDB is throttling requests/,
      );
    });

    it('answers 503 while DynamoDB is stopped, and recovers when it is back', async () => {
      // Prepare
      await dynamo.stopEngine();

      // Act
      const during = await get(`/workflows/${randomUUID()}/activity`);
      await dynamo.startEngine();
      const after = await get(`/workflows/${randomUUID()}/activity`);

      // Assess
      expect(during.status).toBe(503);
      expect(during.body.error.name).toBe('ServiceUnavailableError');
      expect(after.status).toBe(200);
    });
  });
});
