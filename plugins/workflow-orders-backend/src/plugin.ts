import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { workflowOrdersPermissions } from '@workflow-orders/plugin-workflow-orders-common';
import { randomBytes } from 'node:crypto';
import { readOrdersConfig } from './config';
import { orderStoreServiceRef } from './database/orderStoreServiceRef';
import { createLiveUpdates } from './live/createLiveUpdates';
import { createCursorCodec } from './service/cursor';
import { createOrderReads } from './service/OrderReads';
import { createRouter } from './service/router';
import { createWorkflowAccess } from './service/WorkflowAccess';
import { registerOrderActions } from './actions/registerOrderActions';

/**
 * The workflow-orders backend plugin: the order history of trading workflows, read from DynamoDB.
 *
 * @public
 */
export const workflowOrdersPlugin = createBackendPlugin({
  pluginId: 'workflow-orders',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        store: orderStoreServiceRef,
        signals: signalsServiceRef,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        actionsRegistry,
        store,
        signals,
        lifecycle,
      }) {
        // The read permission is a catalog-entity one: its rules and conditions are the catalog's,
        // so this plugin only lists its permissions and adds no resource type of its own.
        permissionsRegistry.addPermissions(workflowOrdersPermissions);
        const settings = readOrdersConfig(config);
        const access = createWorkflowAccess({
          catalog,
          permissions,
          cache: {
            ttlMs: settings.access.cacheMs,
            maxSize: settings.access.cacheSize,
          },
        });
        const live = createLiveUpdates({
          settings: settings.live,
          store,
          signals,
          access,
          auditor,
          logger,
          lifecycle,
        });
        const reads = createOrderReads({
          store: live?.store ?? store,
          access,
          auditor,
          directReadLimit: settings.latestOrders.directReadLimit,
        });
        let secret = settings.cursorSecret;
        if (!secret) {
          // Cursors then stop working across restarts and between instances, which only costs a reload.
          logger.info(
            'workflowOrders.cursorSecret is not set; history cursors are signed with a key of this process only',
          );
          secret = randomBytes(32).toString('hex');
        }
        // The routes and the actions share one codec: a cursor of either pages the other.
        const cursors = createCursorCodec({ secret });
        registerOrderActions({ actionsRegistry, reads, cursors });

        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            httpAuth,
            store,
            reads,
            cursors,
            exportMaxRows: settings.export.maxRows,
            live: live?.changes,
          }),
        );
      },
    });
  },
});
