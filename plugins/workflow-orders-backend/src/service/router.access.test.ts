import { mockCredentials } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import request from 'supertest';
import {
  HIDDEN,
  routerWith,
  storedRecord,
  trader,
  UNLINKED,
  VISIBLE,
} from '../__testUtils__/access';
import { READ_ROUTES, send, useMockStore } from '../__testUtils__/routes';

/** A store answering every read of {@link READ_ROUTES} with something of `VISIBLE`. */
const answering = (store: ReturnType<typeof useMockStore>) => {
  store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });
  store.getActivity.mockResolvedValue({ totalCount: 0, dailyCounts: [] });
  store.getOrder.mockResolvedValue(storedRecord());
  store.getLastOrders.mockResolvedValue([undefined]);
  store.getLatestOrders.mockResolvedValue({ orders: [] });
};

// How the routes answer what the reads decide or fail with; the rules themselves are the reads'
// and WorkflowAccess's (their own tests).
describe('the routes, as the caller and the store allow', () => {
  const store = useMockStore();

  it.each(READ_ROUTES)(
    'answers %s %s without credentials with 401, reading nothing',
    async (method, path, storeMethod) => {
      const { app, auditor } = await routerWith({ store });

      const response = await send(
        app,
        method,
        path,
        mockCredentials.none.header(),
      );

      expect(response.status).toBe(401);
      expect(store[storeMethod]).not.toHaveBeenCalled();
      expect(auditor.createEvent).not.toHaveBeenCalled();
    },
  );

  it.each(READ_ROUTES)(
    'answers %s %s with 503 and the reason while the store is unavailable',
    async (method, path, storeMethod) => {
      // Prepare
      const { app } = await routerWith({ store });
      store[storeMethod].mockRejectedValue(
        new ServiceUnavailableError(
          'DynamoDB is throttling requests to table workflow_orders; try again shortly',
        ),
      );

      // Act
      const response = await send(app, method, path);

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

  it.each([
    ['/workflows/:id/orders', (id: string) => `/workflows/${id}/orders`],
    ['/workflows/:id/activity', (id: string) => `/workflows/${id}/activity`],
  ])(
    'answers GET %s of a hidden workflow with 404, exactly like an unknown one',
    async (_route, path) => {
      // Prepare
      const { app } = await routerWith({ store, policy: trader });

      // Act
      const hidden = await request(app).get(path(HIDDEN));
      const unlinked = await request(app).get(path(UNLINKED));

      // Assess
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toMatchObject({
        name: 'NotFoundError',
        message: `No workflow ${HIDDEN} was found`,
      });
      expect(unlinked.status).toBe(404);
      expect(unlinked.body.error.message).toBe(
        `No workflow ${UNLINKED} was found`,
      );
      expect(store.getHistory).not.toHaveBeenCalled();
      expect(store.getActivity).not.toHaveBeenCalled();
    },
  );

  it('answers an order of a hidden workflow with 404, exactly like an unknown order', async () => {
    // Prepare
    const { app } = await routerWith({ store, policy: trader });
    store.getOrder.mockResolvedValueOnce(storedRecord({ workflow_id: HIDDEN }));
    store.getOrder.mockResolvedValueOnce(undefined);

    // Act
    const ofHidden = await request(app).get('/orders/order-1');
    const unknown = await request(app).get('/orders/order-1');

    // Assess
    expect(ofHidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(ofHidden.body).toEqual(unknown.body);
    expect(ofHidden.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No order order-1: it does not exist or expired after 7 days',
    });
  });

  it('summarises a hidden workflow as null', async () => {
    const { app } = await routerWith({ store, policy: trader });
    store.getLastOrders.mockResolvedValue([storedRecord()]);

    const response = await request(app)
      .post('/summaries')
      .send({ workflow_ids: [HIDDEN, VISIBLE, UNLINKED] });

    expect(response.status).toBe(200);
    expect(response.body.summaries).toEqual([
      null,
      expect.objectContaining({ workflow_id: VISIBLE }),
      null,
    ]);
  });

  it.each(READ_ROUTES)(
    'records %s %s as one orders-fetch event through http, with the request and the caller',
    async (method, path) => {
      // Prepare
      answering(store);
      const { app, auditor, events } = await routerWith({
        store,
        policy: trader,
      });

      // Act
      const response = await send(app, method, path);

      // Assess
      expect(response.status).toBe(200);
      expect(auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'orders-fetch',
        request: expect.objectContaining({ method }),
        meta: expect.objectContaining({
          caller: 'user:default/mock',
          via: 'http',
        }),
      });
      expect(events[0].success).toHaveBeenCalledTimes(1);
      expect(events[0].fail).not.toHaveBeenCalled();
    },
  );

  it('records the read of a hidden workflow as failed, with its decision', async () => {
    const { app, events } = await routerWith({ store, policy: trader });

    await request(app)
      .get(`/workflows/${HIDDEN}/orders`)
      .set('Authorization', mockCredentials.service.header());

    expect(events).toHaveLength(1);
    expect(events[0].fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotFoundError' }),
      meta: { decision: 'denied' },
    });
    expect(events[0].success).not.toHaveBeenCalled();
  });
});
