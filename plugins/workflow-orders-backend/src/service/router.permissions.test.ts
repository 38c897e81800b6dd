import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type ExtensionPoint,
  type HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { Server } from 'node:http';
import request from 'supertest';
import { orderStoreServiceRef } from '../database/orderStoreServiceRef';
import { workflowOrdersPlugin } from '../plugin';
import { storedRecord, workflowEntity } from '../__testUtils__/access';
import { storeConfig } from '../__testUtils__/orders';
import { useMockStore } from '../__testUtils__/routes';

jest.setTimeout(60_000);

const ALICES = '550e8400-e29b-41d4-a716-446655440000';
const BOBS = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';
const UNKNOWN = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';
const alice = mockCredentials.user.header('user:default/alice');

const owned = (entity: Entity, owner: string): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: {
      ...entity.metadata.annotations,
      'backstage.io/managed-by-location':
        'url:https://example.com/catalog.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://example.com/catalog.yaml',
    },
  },
  spec: { ...entity.spec, owner },
});
const ENTITIES = [
  owned(workflowEntity('dax-breakout', ALICES), 'user:default/alice'),
  owned(workflowEntity('nikkei-momentum', BOBS), 'user:default/bob'),
];

/** A backend module of `pluginId` that sets up one of its extension points with `init`. */
function moduleWith<Point>(
  pluginId: string,
  moduleId: string,
  extensionPoint: ExtensionPoint<Point>,
  init: (point: Point) => void,
) {
  return createBackendModule({
    pluginId,
    moduleId,
    register(env) {
      env.registerInit({
        deps: { point: extensionPoint },
        async init({ point }) {
          init(point);
        },
      });
    },
  });
}

/** The catalog's entities, from a provider instead of files. */
const testEntities = moduleWith(
  'catalog',
  'workflow-entities',
  catalogProcessingExtensionPoint,
  catalog =>
    catalog.addEntityProvider({
      getProviderName: () => 'workflow-entities',
      connect: connection =>
        connection.applyMutation({
          type: 'full',
          entities: ENTITIES.map(entity => ({
            entity,
            locationKey: 'workflow-entities',
          })),
        }),
    }),
);

/** A policy that lets users read the orders of the workflows they own, not of unlinked ones. */
const ownersReadOrders = moduleWith(
  'permission',
  'owners-read-orders',
  policyExtensionPoint,
  policy =>
    policy.setPolicy({
      async handle(permissionRequest, user) {
        if (
          isPermission(
            permissionRequest.permission,
            workflowOrdersReadPermission,
          )
        ) {
          return createCatalogConditionalDecision(
            permissionRequest.permission,
            catalogConditions.isEntityOwner({
              claims: user?.info.ownershipEntityRefs ?? [],
            }),
          );
        }
        if (
          isPermission(
            permissionRequest.permission,
            workflowOrdersReadUnlinkedPermission,
          )
        ) {
          return { result: AuthorizeResult.DENY };
        }
        return { result: AuthorizeResult.ALLOW };
      },
    }),
);

/**
 * The mock auth drops the forwarding plugin from a user request a plugin makes on the user's behalf
 * (the catalog asking the permission backend for the user's conditions); real tokens keep it as the
 * principal's actor, and the permission backend refuses a user's conditional query without one.
 */
const forwardedUsersKeepTheirActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const httpAuth = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req, options) {
        const credentials: any = await httpAuth.credentials(req, options);
        const forwarded = req.headers.authorization?.startsWith(
          'Bearer mock-service-token:',
        );
        if (credentials.principal.type !== 'user' || !forwarded) {
          return credentials;
        }
        return {
          ...credentials,
          principal: {
            ...credentials.principal,
            actor: { type: 'service', subject: 'plugin:catalog' },
          },
        };
      },
      issueUserCookie: (res, options) => httpAuth.issueUserCookie(res, options),
    };
  },
});

describe('workflow orders under a permission policy with conditions', () => {
  const store = useMockStore();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let server: Server;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        workflowOrdersPlugin,
        catalogPlugin,
        permissionPlugin,
        testEntities,
        ownersReadOrders,
        forwardedUsersKeepTheirActor,
        createServiceFactory({
          service: orderStoreServiceRef,
          deps: {},
          factory: () => store,
        }),
        mockServices.rootConfig.factory({
          data: {
            ...(storeConfig('http://127.0.0.1:1', 'unused').get() as object),
            permission: { enabled: true },
          },
        }),
      ],
    });
    server = backend.server;
    // The catalog processes the provider's entities in the background.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { body } = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component')
        .set('Authorization', mockCredentials.service.header());
      if (body.items?.length === ENTITIES.length) return;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error('the catalog did not process the test entities');
  });

  afterAll(() => backend?.stop());

  beforeEach(() => {
    store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });
  });

  const history = (workflowId: string, authorization = alice) =>
    request(server)
      .get(`/api/workflow-orders/workflows/${workflowId}/orders`)
      .set('Authorization', authorization);

  it("answers the owner's workflow, the catalog deciding isEntityOwner", async () => {
    const response = await history(ALICES);

    expect(response.status).toBe(200);
    expect(store.getHistory).toHaveBeenCalledWith(
      expect.objectContaining({ workflowId: ALICES }),
    );
  });

  it("answers another owner's workflow exactly like an unknown one", async () => {
    const others = await history(BOBS);
    const unknown = await history(UNKNOWN);

    expect(others.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(others.body.error.message).toBe(`No workflow ${BOBS} was found`);
    expect(unknown.body.error.message).toBe(`No workflow ${UNKNOWN} was found`);
    expect(store.getHistory).not.toHaveBeenCalled();
  });

  it('summarises only the workflows the caller owns', async () => {
    store.getLastOrders.mockResolvedValue([storedRecord()]);

    const response = await request(server)
      .post('/api/workflow-orders/summaries')
      .set('Authorization', alice)
      .send({ workflow_ids: [BOBS, ALICES] });

    expect(response.status).toBe(200);
    expect(response.body.summaries).toEqual([
      null,
      expect.objectContaining({ workflow_id: ALICES }),
    ]);
    expect(store.getLastOrders).toHaveBeenCalledWith({
      workflowIds: [ALICES],
    });
  });

  /**
   * A store of the latest orders of three workflows that pages as the real one: visible rows only,
   * of the named workflows when the reads name the few the caller sees.
   */
  const latestOfThree = () =>
    store.getLatestOrders.mockImplementation(
      async ({ isVisible, workflowIds }) => ({
        orders: [UNKNOWN, BOBS, ALICES]
          .filter(id => isVisible?.(id) ?? true)
          .filter(id => !workflowIds || workflowIds.includes(id))
          .map((id, index) =>
            storedRecord({ id: `order-${index}`, workflow_id: id }),
          ),
      }),
    );
  const latestOrders = (authorization: string) =>
    request(server)
      .get('/api/workflow-orders/latest-orders')
      .set('Authorization', authorization);

  it("lists only the latest orders of the caller's workflows, the catalog deciding isEntityOwner", async () => {
    latestOfThree();

    const response = await latestOrders(alice);

    expect(response.status).toBe(200);
    expect(
      response.body.orders.map(
        (row: { workflow_id: string }) => row.workflow_id,
      ),
    ).toEqual([ALICES]);
  });

  it('lists the latest orders of every workflow to a service principal', async () => {
    latestOfThree();

    const response = await latestOrders(mockCredentials.service.header());

    expect(
      response.body.orders.map(
        (row: { workflow_id: string }) => row.workflow_id,
      ),
    ).toEqual([UNKNOWN, BOBS, ALICES]);
  });

  it('lets a service principal read every workflow, as the framework allows services', async () => {
    const service = mockCredentials.service.header();

    const [own, others, unlinked] = await Promise.all([
      history(ALICES, service),
      history(BOBS, service),
      history(UNKNOWN, service),
    ]);

    expect(own.status).toBe(200);
    expect(others.status).toBe(200);
    expect(unlinked.status).toBe(200);
  });
});
