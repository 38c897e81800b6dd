import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { workflowOrdersPermissions } from '@workflow-orders/plugin-workflow-orders-common';
import { randomBytes } from 'node:crypto';
import { readOrdersConfig } from './config';
import { orderStoreServiceRef } from './database/orderStoreServiceRef';
import { createCursorCodec } from './service/cursor';
import { createRouter } from './service/router';

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
        store: orderStoreServiceRef,
      },
      async init({
        config,
        logger,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        store,
      }) {
        permissionsRegistry.addPermissions(workflowOrdersPermissions);

        let secret = readOrdersConfig(config).cursorSecret;
        if (!secret) {
          // Cursors then stop working across restarts and between instances, which only costs a reload.
          logger.info(
            'workflowOrders.cursorSecret is not set; history cursors are signed with a key of this process only',
          );
          secret = randomBytes(32).toString('hex');
        }

        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            store,
            cursors: createCursorCodec({ secret }),
          }),
        );
      },
    });
  },
});
