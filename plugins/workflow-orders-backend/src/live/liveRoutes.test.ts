import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import express from 'express';
import request from 'supertest';
import {
  cursors,
  ENTITIES,
  HIDDEN,
  mockStore,
  permissionsWith,
  recordingAuditor,
  storedRecord,
  trader,
  VISIBLE,
} from '../__testUtils__/access';
import { createOrderReads } from '../service/OrderReads';
import { createRouter } from '../service/router';
import { createWorkflowAccess } from '../service/WorkflowAccess';
import { createLiveChanges } from './liveChanges';
import { LatestOrderWatcher } from './LatestOrderWatcher';
import { LiveViewers } from './LiveViewers';

/** The latest orders the watcher's reads find: each workflow's newest placed. */
const latest = new Map<string, WorkflowOrderRecord>();
let placed = Date.now() / 1000;

/** A new latest order of `workflowId`, placed now and after the last one. */
function place(workflowId: string) {
  placed = Math.max(placed, Date.now() / 1000) + 0.001;
  latest.set(
    workflowId,
    storedRecord({
      id: `order-${placed}`,
      workflow_id: workflowId,
      placed_at: placed,
    }),
  );
}

/** The plugin's router with live changes over the latest orders above, as the {@link trader}. */
async function liveApp(options: { bufferSize?: number } = {}) {
  const store = mockStore();
  const access = createWorkflowAccess({
    catalog: catalogServiceMock({ entities: ENTITIES }),
    permissions: permissionsWith(trader),
  });
  const { auditor, events } = recordingAuditor();
  const publish = jest.fn(async (_signal: unknown) => {});
  const viewers = new LiveViewers({
    signals: { publish },
    logger: mockServices.logger.mock(),
    leaseMs: 60_000,
  });
  const watcher = new LatestOrderWatcher({
    readSince: async ({ since }) => ({
      orders: [...latest.values()]
        .filter(order => order.placed_at >= since)
        .sort((a, b) => b.placed_at - a.placed_at),
      more: false,
    }),
    push: push => viewers.push(push),
    logger: mockServices.logger.mock(),
    intervalMs: 5,
    bufferSize: options.bufferSize ?? 100,
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    store,
    reads: createOrderReads({ store, access, auditor }),
    cursors,
    live: createLiveChanges({ watcher, viewers, access, auditor }),
  });
  const errorHandler = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.rootLogger(),
  }).error();
  const app = express().use(router).use(errorHandler);
  /** Waits until `count` pushes were published. */
  const hinted = async (count: number) => {
    while (publish.mock.calls.length < count) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  };
  return { app, watcher, store, events, hinted, publish };
}

describe('GET /live/changes', () => {
  const stops: Array<() => Promise<void>> = [];
  /** {@link liveApp}, its watcher stopped after the test. */
  const started = async (options?: { bufferSize?: number }) => {
    const live = await liveApp(options);
    stops.push(() => live.watcher.stop());
    return live;
  };

  afterEach(async () => {
    await Promise.all(stops.splice(0).map(stop => stop()));
    latest.clear();
  });

  it('refuses a request without credentials', async () => {
    const { app } = await started();

    const response = await request(app)
      .get('/live/changes')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });

  it.each([
    ['after=soon', 'after must be a sequence number'],
    ['after=-1', 'after must be a sequence number'],
    ['after=1&after=2', 'after must be a sequence number'],
    ['since=1', 'unknown query parameter since'],
  ])('answers 400 to %s', async (query, message) => {
    const { app, store } = await started();

    const response = await request(app).get(`/live/changes?${query}`);

    expect({ status: response.status, error: response.body.error }).toEqual({
      status: 400,
      error: expect.objectContaining({ name: 'InputError', message }),
    });
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  it('answers the current sequence and no change without after', async () => {
    const { app, watcher } = await started();

    const response = await request(app).get('/live/changes');

    expect(response.body).toEqual({
      sequence: watcher.sequence,
      complete: true,
      interval_seconds: 0.005,
      changes: [],
    });
  });

  it('answers the changes of the workflows the caller may see, and nothing of the others', async () => {
    const { app, hinted, events } = await started();
    const { body: first } = await request(app).get('/live/changes');

    place(HIDDEN);
    place(VISIBLE);
    await hinted(1);
    const response = await request(app).get(
      `/live/changes?after=${first.sequence}`,
    );

    expect(response.body).toEqual({
      sequence: first.sequence + 2,
      complete: true,
      interval_seconds: 0.005,
      changes: [expect.objectContaining({ workflow_id: VISIBLE })],
    });
    expect(response.text.toLowerCase()).not.toContain(HIDDEN);
    expect(events.map(event => event.success.mock.calls)).toEqual([
      [
        [
          {
            meta: {
              sequence: first.sequence,
              complete: true,
              changes: 0,
              hidden: 0,
            },
          },
        ],
      ],
      [
        [
          {
            meta: {
              sequence: first.sequence + 2,
              complete: true,
              changes: 1,
              hidden: 1,
            },
          },
        ],
      ],
    ]);
  });

  it('pushes a user who asked the changes they may see, nothing of the others, and nothing to services', async () => {
    const { app, hinted, publish } = await started();
    const { body: first } = await request(app).get('/live/changes');
    await request(app)
      .get('/live/changes')
      .set('Authorization', mockCredentials.service.header());

    place(HIDDEN);
    place(VISIBLE);
    await hinted(1);

    expect(publish.mock.calls).toEqual([
      [
        {
          recipients: {
            type: 'user',
            entityRef: [mockCredentials.user().principal.userEntityRef],
          },
          channel: 'workflow-orders:changes',
          message: {
            type: 'orders-changed',
            sequence: first.sequence + 2,
            after: first.sequence,
            changes: [expect.objectContaining({ workflow_id: VISIBLE })],
          },
        },
      ],
    ]);
    expect(JSON.stringify(publish.mock.calls).toLowerCase()).not.toContain(
      HIDDEN,
    );
  });

  it('answers complete: false to a sequence beyond its own, as after a restart', async () => {
    const { app } = await started();
    const { body: first } = await request(app).get('/live/changes');

    const response = await request(app).get(
      `/live/changes?after=${first.sequence + 1000}`,
    );

    expect(response.body).toMatchObject({ complete: false, changes: [] });
  });

  it('answers complete: false to a reader behind the changes it holds', async () => {
    const { app, hinted } = await started({ bufferSize: 1 });
    const { body: first } = await request(app).get('/live/changes');

    place(VISIBLE);
    await hinted(1);
    place(VISIBLE);
    await hinted(2);
    const response = await request(app).get(
      `/live/changes?after=${first.sequence}`,
    );

    expect(response.body).toMatchObject({
      sequence: first.sequence + 2,
      complete: false,
      changes: [],
    });
  });
});
