/** @jest-environment node */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
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
} from '@workflow-orders/plugin-workflow-orders-backend';
import { setupServer } from 'msw/node';
import type { AddressInfo } from 'node:net';
import { createMemoryOrderStore } from '../__testUtils__/memoryOrderStore';
import {
  bundFuturesCarry,
  daxBreakout,
  demoWorkflows,
  eurUsdMeanReversion,
  legacyMomentum,
} from './demoWorkflows';
import { workflowEntity } from './fixtures';
import { createWorkflowOrdersHandlers } from './handlers';

/*
 * The CSV exports of the mock backend and of the backend plugin (over an in-memory store of the same
 * workflows, the hidden one denied) answer the same requests with the same status, content type,
 * file name and CSV, byte for byte; an error with the same error name and message.
 */

jest.setTimeout(60_000);

const NOW = Date.now();
const MOCK_BASE = 'http://mock-backend.test/api/workflow-orders';
const workflows = [...demoWorkflows(), legacyMomentum()];
const [dax, eurusd, hidden, legacy] = [
  daxBreakout(),
  eurUsdMeanReversion(),
  bundFuturesCarry(),
  legacyMomentum(),
];

/** What a client reads of an export's answer. */
async function exportOf(base: string, path: string) {
  const response = await fetch(`${base}${path}`);
  const text = await response.text();
  return {
    status: response.status,
    // An error's JSON is compared by its body, as the other routes' contract does.
    type: response.ok ? response.headers.get('content-type') : undefined,
    disposition: response.headers.get('content-disposition'),
    body:
      response.status < 400
        ? text
        : (({ name, message }) => ({ name, message }))(JSON.parse(text).error),
  };
}

describe('the mock backend exports as the backend plugin does', () => {
  const mockServer = setupServer(
    ...createWorkflowOrdersHandlers({
      baseUrl: MOCK_BASE,
      workflows,
      slowMs: 0,
      now: () => NOW,
    }),
  );
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;

  beforeAll(async () => {
    mockServer.listen({ onUnhandledRequest: 'bypass' });
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
    const store = createMemoryOrderStore(workflows, NOW);
    backend = await startTestBackend({
      features: [
        workflowOrdersPlugin,
        catalogServiceMock.factory({ entities: workflows.map(workflowEntity) }),
        permissions.factory,
        mockServices.rootConfig.factory({
          data: { workflowOrders: { access: { cacheSeconds: 0 } } },
        }),
        createServiceFactory({
          service: orderStoreServiceRef,
          deps: {},
          factory: () => store,
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    base = `http://localhost:${port}/api/workflow-orders`;
  });

  afterAll(async () => {
    mockServer.close();
    await backend?.stop();
  });

  it.each([
    ['a history', `/workflows/${dax.id}/orders.csv`, 200],
    [
      'a sorted, filtered history',
      `/workflows/${dax.id}/orders.csv?sort=oldest&direction=sell&code=dax.i`,
      200,
    ],
    [
      'orders a writer stored in part',
      `/workflows/${legacy.id}/orders.csv`,
      200,
    ],
    [
      'a workflow the user may not see',
      `/workflows/${hidden.id}/orders.csv`,
      404,
    ],
    ['a page size', `/workflows/${dax.id}/orders.csv?limit=5`, 400],
    ['every latest order', '/latest-orders.csv', 200],
    [
      'some workflows, one hidden',
      `/latest-orders.csv?workflow_ids=${eurusd.id},${hidden.id}`,
      200,
    ],
    ['a direction', '/latest-orders.csv?direction=buy', 200],
    [
      'workflow ids that are no UUIDs',
      '/latest-orders.csv?workflow_ids=wf-1',
      400,
    ],
  ])('GET %s', async (_, path, status) => {
    const mock = await exportOf(MOCK_BASE, path);
    const real = await exportOf(base, path);

    expect(real.status).toBe(status);
    expect(mock).toEqual(real);
  });
});
