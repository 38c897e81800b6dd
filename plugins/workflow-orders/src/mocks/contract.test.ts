/** @jest-environment node */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { workflowOrdersReadPermission } from '@workflow-orders/plugin-workflow-orders-common';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the contract test holds the mock to the real backend plugin, so it starts that plugin
import workflowOrdersPlugin, {
  orderStoreServiceRef,
  type OrderStore,
} from '@workflow-orders/plugin-workflow-orders-backend';
import { setupServer } from 'msw/node';
import type { AddressInfo } from 'node:net';
import {
  Answer,
  Exchange,
  errorValues,
  withoutCursor,
  get,
  post,
  readErrorBody,
  responseSchemaOf,
  sendingTo,
  shapeOf,
  successValues,
  withCursorOf,
} from '../__testUtils__/contract';
import { createMemoryOrderStore } from '../__testUtils__/memoryOrderStore';
import {
  bundFuturesCarry,
  daxBreakout,
  demoWorkflows,
  eurUsdMeanReversion,
  ftseGapFade,
  legacyMomentum,
  nasdaqOpeningRange,
} from './demoWorkflows';
import { workflowEntity } from './fixtures';
import { createWorkflowOrdersHandlers } from './handlers';

/*
 * The mock backend (its msw handlers, as the dev app and the unit tests run them) and the backend
 * plugin (its own router, access decisions and error middleware, started with startTestBackend) get
 * the same requests about the same workflows, seeded at the same instant, and must answer alike:
 * - the same status;
 * - a success body that the contract's schema of the route accepts on both sides, with the same
 *   shape (keys, and the type of each value, nested) and the same values but for `next_cursor`,
 *   which each backend signs its own way: there only its type (string or null) is compared;
 * - an error body that the client's parseErrorResponseBody accepts on both sides, with the same
 *   error name and message, request method and URL (but for a cursor in it) and status code.
 * The backend plugin reads an in-memory OrderStore over the mock's workflows, with a catalog entity
 * for each, the one the mock hides denied by the permission policy. The outage cases go to a second
 * backend plugin whose DynamoDB does not answer.
 */

jest.setTimeout(60_000);

const NOW = Date.now();
const MOCK_BASE = 'http://mock-backend.test/api/workflow-orders';
const workflows = [...demoWorkflows(), legacyMomentum()];
const [dax, eurusd, idle, hidden, legacy, outage] = [
  daxBreakout(),
  eurUsdMeanReversion(),
  nasdaqOpeningRange(),
  bundFuturesCarry(),
  legacyMomentum(),
  ftseGapFade(),
];
const UNKNOWN = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const history = (workflowId: string, query = '') =>
  `/workflows/${workflowId}/orders${query}`;
const activity = (workflowId: string) => `/workflows/${workflowId}/activity`;

/** The backend plugin over `store`, or over a DynamoDB that does not answer. */
async function startBackendPlugin(store?: OrderStore) {
  const denied = stringifyEntityRef(workflowEntity(hidden));
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      (requests as AuthorizePermissionRequest[]).map(request => ({
        result:
          request.permission.name === workflowOrdersReadPermission.name &&
          request.resourceRef === denied
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const storeFactory = createServiceFactory({
    service: orderStoreServiceRef,
    deps: {},
    factory: () => store!,
  });
  const backend = await startTestBackend({
    features: [
      workflowOrdersPlugin,
      catalogServiceMock.factory({ entities: workflows.map(workflowEntity) }),
      permissions.factory,
      mockServices.rootConfig.factory({
        data: {
          workflowOrders: {
            cursorSecret: 'a secret of the contract test',
            access: { cacheSeconds: 0 },
            // Nothing listens there: without `store`, every read fails as in an outage.
            dynamodb: {
              endpoint: 'http://127.0.0.1:1',
              region: 'us-east-1',
              credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
              connectionTimeoutMs: 300,
              requestTimeoutMs: 500,
              maxAttempts: 1,
            },
          },
        },
      }),
      ...(store ? [storeFactory] : []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, base: `http://localhost:${port}/api/workflow-orders` };
}

/** The status of an answer, labelled with its request (each backend's cursor in it left out). */
const statusOf = (answer: Answer) =>
  `${withoutCursor(answer.path)}: ${answer.status}`;

/** Holds the last answer of `exchange` from the mock to the one from the backend plugin. */
async function expectSameAnswer(exchange: Exchange, backendBase: string) {
  const mock: Answer = await exchange(sendingTo(MOCK_BASE));
  const real: Answer = await exchange(sendingTo(backendBase));
  const [mockBody, realBody] = [JSON.parse(mock.text), JSON.parse(real.text)];

  expect(statusOf(mock)).toBe(statusOf(real));
  if (real.status < 400) {
    const schema = responseSchemaOf(real.path);
    expect(schema.safeParse(mockBody).error).toBeUndefined();
    expect(schema.safeParse(realBody).error).toBeUndefined();
    expect(shapeOf(mockBody)).toEqual(shapeOf(realBody));
    expect(successValues(mockBody)).toEqual(successValues(realBody));
  } else {
    expect(await readErrorBody(mock)).toEqual(mockBody);
    expect(await readErrorBody(real)).toEqual(realBody);
    expect(errorValues(mockBody)).toEqual(errorValues(realBody));
  }
}

describe('the mock backend answers as the backend plugin does', () => {
  const mockServer = setupServer(
    ...createWorkflowOrdersHandlers({
      baseUrl: MOCK_BASE,
      workflows,
      slowMs: 0,
      now: () => NOW,
    }),
  );
  let healthy: Awaited<ReturnType<typeof startBackendPlugin>>;
  let unreachable: Awaited<ReturnType<typeof startBackendPlugin>>;

  beforeAll(async () => {
    // The backend plugins are on localhost, which the mock does not answer: msw lets it through.
    mockServer.listen({ onUnhandledRequest: 'bypass' });
    healthy = await startBackendPlugin(createMemoryOrderStore(workflows, NOW));
    unreachable = await startBackendPlugin();
  });

  afterAll(async () => {
    mockServer.close();
    await healthy?.backend.stop();
    await unreachable?.backend.stop();
  });

  it.each<[string, Exchange]>([
    ['a first page', get(history(dax.id, '?limit=5'))],
    ['the next page', withCursorOf(history(dax.id))],
    [
      'a sorted, filtered page',
      get(history(dax.id, '?sort=oldest&direction=sell&code=dax.i')),
    ],
    [
      'its next page',
      withCursorOf(history(dax.id, '?sort=oldest&direction=SELL&limit=3')),
    ],
    ['no order in the window', get(history(idle.id))],
    ['an unknown workflow', get(history(UNKNOWN))],
    ['orders a writer stored in part', get(history(legacy.id))],
    ['a workflow the user may not see', get(history(hidden.id))],
    ['a workflow id that is no UUID', get(history('wf-1'))],
    ['a limit out of range', get(history(dax.id, '?limit=0'))],
    ['a repeated limit', get(history(dax.id, '?limit=1&limit=2'))],
    ['an unknown direction', get(history(dax.id, '?direction=hold'))],
    ['an unknown sort', get(history(dax.id, '?sort=price'))],
    ['an unknown parameter', get(history(dax.id, '?page=2'))],
    ['an empty cursor', get(history(dax.id, '?cursor='))],
    ['a cursor it did not issue', get(history(dax.id, '?cursor=abc'))],
    [
      'a cursor of another workflow',
      withCursorOf(history(dax.id, '?limit=1'), history(eurusd.id)),
    ],
    [
      'a cursor of another filter',
      withCursorOf(
        history(dax.id, '?limit=1'),
        history(dax.id, '?direction=BUY'),
      ),
    ],
  ])('GET /workflows/:workflowId/orders: %s', async (_, exchange) => {
    await expectSameAnswer(exchange, healthy.base);
  });

  it.each<[string, Exchange]>([
    ['every workflow', get('/latest-orders')],
    ['a page', get('/latest-orders?limit=2')],
    ['the next page', withCursorOf('/latest-orders?limit=2')],
    [
      'some workflows, one hidden',
      get(`/latest-orders?workflow_ids=${eurusd.id},${hidden.id},${idle.id}`),
    ],
    ['a direction and a code', get('/latest-orders?direction=buy&code=xauusd')],
    ['a code no order has', get('/latest-orders?code=NOPE')],
    [
      'a cursor of another filter',
      withCursorOf('/latest-orders?limit=1', '/latest-orders?direction=SELL'),
    ],
    [
      'a cursor of a history',
      withCursorOf(history(dax.id, '?limit=1'), '/latest-orders'),
    ],
    [
      'workflow ids that are no UUIDs',
      get('/latest-orders?workflow_ids=wf-1,wf-2'),
    ],
  ])('GET /latest-orders: %s', async (_, exchange) => {
    await expectSameAnswer(exchange, healthy.base);
  });

  it.each<[string, Exchange]>([
    ['an order', get(`/orders/${eurusd.orders[0].id}`)],
    ['an order a writer stored in part', get(`/orders/${legacy.orders[0].id}`)],
    ['an unknown order', get('/orders/test-order-001')],
    [
      'an order of a workflow the user may not see',
      get(`/orders/${hidden.orders[0].id}`),
    ],
    ['an order id with a space', get('/orders/has%20space')],
    ['a query parameter', get(`/orders/${dax.orders[0].id}?verbose=1`)],
  ])('GET /orders/:orderId: %s', async (_, exchange) => {
    await expectSameAnswer(exchange, healthy.base);
  });

  it.each<[string, Exchange]>([
    [
      'known, unknown and hidden workflows',
      post('/summaries', {
        workflow_ids: [idle.id, dax.id, hidden.id, UNKNOWN, legacy.id],
      }),
    ],
    ['a body that is no object', post('/summaries', [dax.id])],
    ['no workflow', post('/summaries', { workflow_ids: [] })],
    [
      'a workflow id that is no UUID',
      post('/summaries', { workflow_ids: [dax.id, 'wf-2'] }),
    ],
    [
      'an unknown field',
      post('/summaries', { workflow_ids: [dax.id], colour: 'red' }),
    ],
  ])('POST /summaries: %s', async (_, exchange) => {
    await expectSameAnswer(exchange, healthy.base);
  });

  it.each<[string, Exchange]>([
    ['a workflow with orders', get(activity(eurusd.id))],
    ['a workflow without orders', get(activity(idle.id))],
    ['a workflow the user may not see', get(activity(hidden.id))],
    ['a workflow id that is no UUID', get(activity('wf-1'))],
    ['a query parameter', get(`${activity(dax.id)}?days=7`)],
  ])('GET /workflows/:workflowId/activity: %s', async (_, exchange) => {
    await expectSameAnswer(exchange, healthy.base);
  });

  it('GET /health', async () => {
    await expectSameAnswer(get('/health'), healthy.base);
  });

  it.each<[string, Exchange]>([
    ['GET /workflows/:workflowId/orders', get(history(outage.id))],
    [
      'POST /summaries',
      post('/summaries', { workflow_ids: [dax.id, outage.id] }),
    ],
  ])('%s while the store does not answer', async (_, exchange) => {
    await expectSameAnswer(exchange, unreachable.base);
  });

  it('GET /workflows/:workflowId/activity while the store does not answer', async () => {
    // The backend reads the count and the last order at once: either may fail first and name
    // what it was reading, so the action is left out of the comparison.
    const anyAction = (answer: Answer) => ({
      ...answer,
      text: answer.text.replace(/\(while [^)]*\)/, '(while …)'),
    });
    const exchange = get(activity(outage.id));

    await expectSameAnswer(
      async send => anyAction(await exchange(send)),
      unreachable.base,
    );
  });
});
