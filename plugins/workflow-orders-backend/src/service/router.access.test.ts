import { mockCredentials } from '@backstage/backend-test-utils';
import {
  summariesResponseSchema,
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  allowAll,
  mockStore,
  routerWith,
  storedRecord,
  workflowEntity,
  type TestPolicy,
} from '../__testUtils__/access';

const VISIBLE = '550e8400-e29b-41d4-a716-446655440000';
const HIDDEN = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';
const UNLINKED = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';

const visibleEntity = workflowEntity('dax-breakout', VISIBLE);
// Written in upper case, as some catalog files do; the API's ids are lower case.
const hiddenEntity = workflowEntity('nikkei-momentum', HIDDEN.toUpperCase());
const ENTITIES = [visibleEntity, hiddenEntity];

/** A trader: the orders of every workflow but nikkei-momentum's, none of unlinked workflows. */
const trader: TestPolicy = target =>
  target !== 'component:default/nikkei-momentum' && target !== 'unlinked';
/** Operations staff: the trader's workflows, and unlinked ones. */
const operations: TestPolicy = target =>
  target !== 'component:default/nikkei-momentum';

const WORKFLOW_ROUTES = [
  ['GET /workflows/:id/orders', (id: string) => `/workflows/${id}/orders`],
  ['GET /workflows/:id/activity', (id: string) => `/workflows/${id}/activity`],
] as const;

describe('who may read the orders of a workflow', () => {
  const store = mockStore();

  beforeEach(() => {
    store.getHistory.mockResolvedValue({
      orders: [storedRecord()],
      totalCount: 1,
    });
    store.getActivity.mockResolvedValue({ totalCount: 0, dailyCounts: [] });
  });

  afterEach(() => {
    jest.resetAllMocks();
  });

  describe.each(WORKFLOW_ROUTES)('%s', (_route, path) => {
    it('answers a workflow the caller may see, found through its entity', async () => {
      // Prepare
      const { app, permissions } = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });

      // Act
      const response = await request(app).get(path(VISIBLE));

      // Assess
      expect(response.status).toBe(200);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: workflowOrdersReadPermission,
            resourceRef: 'component:default/dax-breakout',
          },
        ],
        { credentials: mockCredentials.user() },
      );
    });

    it('answers a hidden workflow exactly like an unknown one, without reading its orders', async () => {
      // Prepare
      const hidden = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });
      const unknown = await routerWith({ store, entities: [], policy: trader });

      // Act
      const hiddenAnswer = await request(hidden.app).get(path(HIDDEN));
      const unknownAnswer = await request(unknown.app).get(path(HIDDEN));

      // Assess
      expect(hiddenAnswer.status).toBe(404);
      expect(hiddenAnswer.body.error).toMatchObject({
        name: 'NotFoundError',
        message: `No workflow ${HIDDEN} was found`,
      });
      expect(unknownAnswer.status).toBe(hiddenAnswer.status);
      expect(unknownAnswer.body).toEqual(hiddenAnswer.body);
      expect(store.getHistory).not.toHaveBeenCalled();
      expect(store.getActivity).not.toHaveBeenCalled();
    });

    it('finds the entity whatever the case of its annotation', async () => {
      const { app } = await routerWith({
        store,
        entities: ENTITIES,
        policy: allowAll,
      });

      const response = await request(app).get(path(HIDDEN.toUpperCase()));

      expect(response.status).toBe(200);
      expect(response.body.workflow_id).toBe(HIDDEN);
    });

    it.each([
      ['without', 404, trader],
      ['with', 200, operations],
    ])(
      'answers an unlinked workflow %s the read-unlinked permission with %s',
      async (_with, status, policy) => {
        const { app } = await routerWith({ store, entities: ENTITIES, policy });

        const response = await request(app).get(path(UNLINKED));

        expect(response.status).toBe(status);
      },
    );
  });

  describe('GET /orders/:orderId', () => {
    it('answers an order of a workflow the caller may see', async () => {
      // Prepare
      store.getOrder.mockResolvedValue(storedRecord({ workflow_id: VISIBLE }));
      const { app, permissions } = await routerWith({
        store,
        entities: ENTITIES,
        policy: trader,
      });

      // Act
      const response = await request(app).get('/orders/order-1');

      // Assess
      expect(response.status).toBe(200);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: workflowOrdersReadPermission,
            resourceRef: 'component:default/dax-breakout',
          },
        ],
        expect.anything(),
      );
    });

    it.each([
      ['a hidden workflow', HIDDEN],
      ['an unlinked workflow', UNLINKED],
    ])(
      'answers an order of %s exactly like an unknown order',
      async (_case, workflowId) => {
        // Prepare
        const { app } = await routerWith({
          store,
          entities: ENTITIES,
          policy: trader,
        });
        store.getOrder.mockResolvedValueOnce(
          storedRecord({ workflow_id: workflowId }),
        );
        store.getOrder.mockResolvedValueOnce(undefined);

        // Act
        const ofHidden = await request(app).get('/orders/order-1');
        const unknown = await request(app).get('/orders/order-1');

        // Assess
        expect(ofHidden.status).toBe(404);
        expect(unknown.status).toBe(404);
        expect(ofHidden.body).toEqual(unknown.body);
        expect(ofHidden.body.error.message).toBe(
          'No order order-1: it does not exist or expired after 7 days',
        );
      },
    );
  });

  describe('POST /summaries', () => {
    /** 500 workflows: a third readable, a third hidden, a third unlinked. */
    const batch = () => {
      const kinds = ['allowed', 'denied', 'unlinked'] as const;
      const workflows = Array.from({ length: 500 }, (_, index) => ({
        id: randomUUID(),
        kind: kinds[index % 3],
        name: `${kinds[index % 3]}-${index}`,
      }));
      const entities = workflows
        .filter(workflow => workflow.kind !== 'unlinked')
        .map(workflow => workflowEntity(workflow.name, workflow.id));
      const policy: TestPolicy = target => target.includes('/allowed-');
      return { workflows, entities, policy };
    };

    it('answers 500 workflows with one catalog query and one authorization, nulls for those hidden', async () => {
      // Prepare
      const { workflows, entities, policy } = batch();
      const { app, catalog, permissions, events } = await routerWith({
        store,
        entities,
        policy,
      });
      store.getLastOrders.mockImplementation(async ({ workflowIds }) =>
        workflowIds.map(id => storedRecord({ workflow_id: id })),
      );

      // Act
      const response = await request(app)
        .post('/summaries')
        .send({ workflow_ids: workflows.map(workflow => workflow.id) });

      // Assess
      expect(response.status).toBe(200);
      const { summaries } = summariesResponseSchema.parse(response.body);
      expect(summaries.map(summary => summary?.workflow_id ?? null)).toEqual(
        workflows.map(workflow =>
          workflow.kind === 'allowed' ? workflow.id : null,
        ),
      );
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(permissions.authorize).toHaveBeenCalledTimes(1);
      expect(permissions.authorize.mock.calls[0][0]).toHaveLength(
        entities.length + 1,
      );
      expect(store.getLastOrders).toHaveBeenCalledTimes(1);
      expect(store.getLastOrders).toHaveBeenCalledWith({
        workflowIds: workflows
          .filter(workflow => workflow.kind === 'allowed')
          .map(workflow => workflow.id),
      });
      expect(events).toHaveLength(1);
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { allowed: 167, denied: 167, unknown: 166 },
      });
    });

    it.each([
      ['without', trader, null],
      ['with', operations, UNLINKED],
    ])(
      'summarises an unlinked workflow %s the read-unlinked permission',
      async (_with, policy, expected) => {
        // Prepare
        store.getLastOrders.mockResolvedValue([undefined]);
        const { app, permissions } = await routerWith({
          store,
          entities: ENTITIES,
          policy,
        });

        // Act
        const response = await request(app)
          .post('/summaries')
          .send({ workflow_ids: [UNLINKED, HIDDEN] });

        // Assess
        expect(response.status).toBe(200);
        expect(
          response.body.summaries.map(
            (summary: any) => summary?.workflow_id ?? null,
          ),
        ).toEqual([expected, null]);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: workflowOrdersReadPermission,
              resourceRef: 'component:default/nikkei-momentum',
            },
            { permission: workflowOrdersReadUnlinkedPermission },
          ],
          expect.anything(),
        );
      },
    );
  });

  describe('audit', () => {
    const routes = [
      [
        'GET',
        `/workflows/${VISIBLE}/orders`,
        { queryType: 'history', workflowId: VISIBLE },
      ],
      [
        'GET',
        `/workflows/${VISIBLE}/activity`,
        { queryType: 'activity', workflowId: VISIBLE },
      ],
      ['GET', '/orders/order-1', { queryType: 'order', orderId: 'order-1' }],
      ['POST', '/summaries', { queryType: 'summaries', workflowCount: 1 }],
    ] as const;

    it.each(routes)(
      'records %s %s as one event with the caller and the decision',
      async (method, path, meta) => {
        // Prepare
        store.getOrder.mockResolvedValue(
          storedRecord({ workflow_id: VISIBLE }),
        );
        store.getLastOrders.mockResolvedValue([undefined]);
        const { app, auditor, events } = await routerWith({
          store,
          entities: ENTITIES,
          policy: trader,
        });

        // Act
        const response = await request(app)
          [method === 'GET' ? 'get' : 'post'](path)
          .send({ workflow_ids: [VISIBLE] });

        // Assess
        expect(response.status).toBe(200);
        expect(auditor.createEvent).toHaveBeenCalledTimes(1);
        expect(auditor.createEvent).toHaveBeenCalledWith({
          eventId: 'orders-fetch',
          request: expect.objectContaining({ method }),
          meta: { ...meta, caller: 'user:default/mock', via: 'http' },
        });
        expect(events[0].success).toHaveBeenCalledWith({
          meta: expect.objectContaining(
            method === 'POST' ? { allowed: 1 } : { decision: 'allowed' },
          ),
        });
        expect(events[0].fail).not.toHaveBeenCalled();
      },
    );

    it.each([
      ['a hidden', HIDDEN, 'denied'],
      ['an unlinked', UNLINKED, 'unknown'],
    ])(
      'records the read of %s workflow as failed, with its decision',
      async (_case, workflowId, decision) => {
        const { app, events } = await routerWith({
          store,
          entities: ENTITIES,
          policy: trader,
        });

        await request(app)
          .get(`/workflows/${workflowId}/orders`)
          .set('Authorization', mockCredentials.service.header());

        expect(events).toHaveLength(1);
        expect(events[0].fail).toHaveBeenCalledWith({
          error: expect.objectContaining({ name: 'NotFoundError' }),
          meta: { decision },
        });
        expect(events[0].success).not.toHaveBeenCalled();
      },
    );
  });
});
