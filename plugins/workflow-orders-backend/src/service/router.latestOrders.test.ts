import { mockCredentials } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { latestOrdersResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { LatestOrdersOptions } from '../database/OrderStore';
import {
  allowAll,
  mockStore,
  routerWith,
  storedRecord,
  workflowEntity,
  type TestPolicy,
} from '../__testUtils__/access';
import { createCursorCodec } from './cursor';

const VISIBLE = '550e8400-e29b-41d4-a716-446655440000';
const HIDDEN = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';
const DELETED = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';
const ENTITIES = [
  workflowEntity('dax-breakout', VISIBLE),
  workflowEntity('nikkei-momentum', HIDDEN.toUpperCase()),
];
const PLACED_AT = 1_767_225_600.25; // 2026-01-01T00:00:00.250Z

/** A trader of the dax-breakout group: its workflow only, no workflow without an entity. */
const trader: TestPolicy = target =>
  target === 'component:default/dax-breakout';
/** Operations staff: what the trader sees, and workflows no entity carries (deleted ones). */
const operations: TestPolicy = target =>
  target !== 'component:default/nikkei-momentum';

/** The latest orders a store holds, newest first: one of each workflow. */
const ROWS = [
  storedRecord({
    id: 'o-deleted',
    workflow_id: DELETED,
    placed_at: PLACED_AT + 3,
  }),
  storedRecord({
    id: 'o-hidden',
    workflow_id: HIDDEN,
    placed_at: PLACED_AT + 2,
  }),
  storedRecord({
    id: 'o-visible',
    workflow_id: VISIBLE,
    placed_at: PLACED_AT + 1,
    workflow_name: null,
  }),
];

const unavailable = () =>
  new ServiceUnavailableError(
    'DynamoDB at http://localhost:8000 did not answer (while reading the latest orders of workflows): connect ECONNREFUSED',
  );

describe('GET /latest-orders', () => {
  const store = mockStore();
  const cursors = createCursorCodec({ secret: 'a secret of these tests' });

  beforeEach(() => {
    // A store that pages its rows as the real one does: only the visible ones (of the named
    // workflows, when the reads name the few a caller sees), then the limit.
    store.getLatestOrders.mockImplementation(
      async (options: LatestOrdersOptions) => {
        const rows = ROWS.filter(
          row =>
            (options.isVisible?.(row.workflow_id) ?? true) &&
            (!options.workflowIds ||
              options.workflowIds.includes(row.workflow_id)),
        );
        return { orders: rows.slice(0, options.limit) };
      },
    );
  });

  afterEach(() => {
    jest.resetAllMocks();
  });

  const visibleIds = (body: unknown) =>
    latestOrdersResponseSchema.parse(body).orders.map(row => row.workflow_id);

  it('answers a page of rows with the workflow name, and a cursor that leads on with its filters', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });
    store.getLatestOrders.mockResolvedValueOnce({
      orders: [ROWS[2]],
      next: { workflowId: VISIBLE, placedAt: PLACED_AT + 1 },
    });

    // Act
    const first = await request(app).get(
      '/latest-orders?limit=1&direction=buy&code=fra40.i',
    );
    const second = await request(app).get(
      `/latest-orders?limit=1&direction=BUY&code=FRA40.I&cursor=${first.body.next_cursor}`,
    );

    // Assess
    expect(first.status).toBe(200);
    expect(latestOrdersResponseSchema.parse(first.body)).toEqual({
      orders: [
        {
          id: 'o-visible',
          workflow_id: VISIBLE,
          workflow_name: null,
          placed_at: '2026-01-01T00:00:01.250Z',
          order_code: 'FRA40.I',
          order_price: 7850.25,
          order_quantity: 10,
          order_direction: 'BUY',
          order_type: 'LIMIT',
        },
      ],
      limit: 1,
      next_cursor: expect.any(String),
    });
    expect(second.status).toBe(200);
    expect(second.body.next_cursor).toBeNull();
    expect(store.getLatestOrders).toHaveBeenNthCalledWith(
      1,
      expect.objectContaining({
        limit: 1,
        after: undefined,
        direction: 'BUY',
        code: 'FRA40.I',
      }),
    );
    expect(store.getLatestOrders).toHaveBeenNthCalledWith(
      2,
      expect.objectContaining({
        after: { workflowId: VISIBLE, placedAt: PLACED_AT + 1 },
      }),
    );
  });

  it('asks for 50 rows when no limit is given', async () => {
    const { app } = await routerWith({ store, entities: ENTITIES });

    const response = await request(app).get('/latest-orders');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ limit: 50, next_cursor: null });
    expect(store.getLatestOrders).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 50 }),
    );
  });

  it.each([
    ['limit=0', 'limit must be between 1 and 100'],
    ['limit=101', 'limit must be between 1 and 100'],
    ['limit=1&limit=2', 'limit must be between 1 and 100'],
    ['direction=HOLD', 'direction must be BUY or SELL'],
    ['code=', 'code must not be empty'],
    [`code=${'X'.repeat(51)}`, 'code must be at most 50 characters'],
    ['workflow_ids=wf-1', 'workflow_ids.0 must be a UUID'],
    [
      `workflow_ids=${Array.from({ length: 101 }, () => randomUUID()).join(',')}`,
      'workflow_ids must be a comma-separated list of 1 to 100 workflow ids',
    ],
    ['sort=oldest', 'unknown query parameter sort'],
    ['cursor=abc.def', 'cursor is not valid'],
  ])('answers ?%s with 400 "%s"', async (query, message) => {
    const { app } = await routerWith({ store, entities: ENTITIES });

    const response = await request(app).get(`/latest-orders?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'InputError' });
    expect(response.body.error.message).toContain(message);
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  it('refuses a cursor of other filters, and a cursor of a history', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });
    const position = { workflowId: VISIBLE, placedAt: PLACED_AT };
    const sells = cursors.encodeLatest(position, 'SELL||');
    const history = cursors.encode(position);

    // Act
    const unfiltered = await request(app).get(`/latest-orders?cursor=${sells}`);
    const buys = await request(app).get(
      `/latest-orders?direction=BUY&cursor=${sells}`,
    );
    const ofHistory = await request(app).get(
      `/latest-orders?cursor=${history}`,
    );

    // Assess
    for (const response of [unfiltered, buys]) {
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        'cursor belongs to another filter; start again without a cursor',
      );
    }
    expect(ofHistory.status).toBe(400);
    expect(ofHistory.body.error.message).toBe(
      'cursor is not valid: use the next_cursor of a previous page as it is',
    );
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  it('takes a cursor back with the same workflows named in another order', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });
    store.getLatestOrders.mockResolvedValueOnce({
      orders: [ROWS[2]],
      next: { workflowId: VISIBLE, placedAt: PLACED_AT + 1 },
    });
    const first = await request(app).get(
      `/latest-orders?limit=1&workflow_ids=${VISIBLE},${HIDDEN}`,
    );

    // Act
    const again = await request(app).get(
      `/latest-orders?limit=1&workflow_ids=${HIDDEN.toUpperCase()},${VISIBLE}&cursor=${first.body.next_cursor}`,
    );

    // Assess
    expect(again.status).toBe(200);
  });

  it('answers 503 naming DynamoDB when it does not answer, never an empty page', async () => {
    const { app } = await routerWith({ store, entities: ENTITIES });
    store.getLatestOrders.mockRejectedValue(unavailable());

    const response = await request(app).get('/latest-orders');

    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('DynamoDB at http://localhost:8000'),
    });
  });

  it('answers 401 without credentials, reading nothing', async () => {
    const { app } = await routerWith({ store, entities: ENTITIES });

    const response = await request(app)
      .get('/latest-orders')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  describe('who sees which rows', () => {
    it("shows a trader their group's workflows only: no hidden one, no deleted one", async () => {
      const { app } = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });

      const response = await request(app).get('/latest-orders');

      expect(response.status).toBe(200);
      expect(visibleIds(response.body)).toEqual([VISIBLE]);
    });

    it('shows operations the rows of deleted workflows, which no entity carries', async () => {
      const { app } = await routerWith({
        store,
        entities: ENTITIES,
        policy: operations,
      });

      const response = await request(app).get('/latest-orders');

      expect(visibleIds(response.body)).toEqual([DELETED, VISIBLE]);
    });

    it('decides 500 workflows with one catalog query and one authorization, whatever the rows', async () => {
      // Prepare
      const entities = Array.from({ length: 500 }, (_, index) =>
        workflowEntity(`workflow-${index}`, randomUUID()),
      );
      const { app, catalog, permissions } = await routerWith({
        store,
        entities: [...ENTITIES, ...entities],
        policy: allowAll,
      });

      // Act
      const response = await request(app).get('/latest-orders');

      // Assess
      expect(response.status).toBe(200);
      expect(visibleIds(response.body)).toEqual([DELETED, HIDDEN, VISIBLE]);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(permissions.authorize).toHaveBeenCalledTimes(1);
      expect((permissions.authorize.mock.calls[0][0] as unknown[]).length).toBe(
        503,
      );
    });

    it('answers an empty page without reading when the caller may see no workflow', async () => {
      const { app } = await routerWith({
        store,
        entities: ENTITIES,
        policy: () => false,
      });

      const response = await request(app).get('/latest-orders');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        orders: [],
        limit: 50,
        next_cursor: null,
      });
      expect(store.getLatestOrders).not.toHaveBeenCalled();
    });

    it('decides only the workflows named, and reads only those it may show', async () => {
      const { app, catalog } = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });

      const hidden = await request(app).get(
        `/latest-orders?workflow_ids=${HIDDEN},${DELETED}`,
      );
      const mixed = await request(app).get(
        `/latest-orders?workflow_ids=${HIDDEN},${VISIBLE}`,
      );

      expect(hidden.body.orders).toEqual([]);
      expect(visibleIds(mixed.body)).toEqual([VISIBLE]);
      expect(store.getLatestOrders).toHaveBeenCalledTimes(1);
      expect(store.getLatestOrders).toHaveBeenCalledWith(
        expect.objectContaining({ workflowIds: [HIDDEN, VISIBLE] }),
      );
      expect(catalog.queryEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          query: {
            'metadata.annotations.workflow-orders/workflow-id': {
              $in: [HIDDEN, VISIBLE],
            },
          },
        }),
        expect.anything(),
      );
    });

    it('records the read as one audit event with the caller and the rows shown', async () => {
      const { app, auditor, events } = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });

      await request(app).get('/latest-orders?code=dax.i');

      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'orders-fetch',
        request: expect.objectContaining({ method: 'GET' }),
        meta: {
          queryType: 'latest-orders',
          limit: 50,
          direction: null,
          code: 'DAX.I',
          workflowCount: null,
          caller: 'user:default/mock',
          via: 'http',
        },
      });
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { rows: 1, visible: 'some' },
      });
    });
  });
});
