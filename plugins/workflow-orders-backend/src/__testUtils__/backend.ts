import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
import { workflowOrdersPlugin } from '../plugin';
import { permissionsWith, type TestPolicy } from './access';
import { storeConfig } from './orders';

/** Where the plugin's routes are mounted in a test backend. */
export const BASE = '/api/workflow-orders';

/**
 * Starts a test backend with the plugin reading the test table (at `endpoint` when given, such as
 * the table's fault proxy), and answers its HTTP server. The catalog holds `entities` (none by default: every workflow is then
 * unlinked, which the default permissions, the framework disabled, allow); with `policy`, the
 * permissions decide with it. `features` are added or replace the defaults.
 */
export async function startBackendOn(
  table: { endpoint: string; tableName: string },
  options: {
    endpoint?: string;
    entities?: Entity[];
    policy?: TestPolicy;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
): Promise<Server> {
  const { policy } = options;
  const backend = await startTestBackend({
    features: [
      workflowOrdersPlugin,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: storeConfig(
          options.endpoint ?? table.endpoint,
          table.tableName,
        ).get() as any,
      }),
      ...(policy
        ? [
            createServiceFactory({
              service: coreServices.permissions,
              deps: {},
              factory: () => permissionsWith(policy),
            }),
          ]
        : []),
      ...(options.features ?? []),
    ],
  });
  return backend.server;
}
