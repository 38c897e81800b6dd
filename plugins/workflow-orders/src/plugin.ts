import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { WorkflowOrdersClient, workflowOrdersApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The workflow-orders plugin: what trading workflows placed, on their entity pages and in the list.
 *
 * @public
 */
export const workflowOrdersPlugin = createPlugin({
  id: 'workflow-orders',
  routes: {
    root: rootRouteRef,
  },
  apis: [
    createApiFactory({
      api: workflowOrdersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new WorkflowOrdersClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The Orders tab of a workflow's entity page: its orders of the last 7 days, newest first.
 *
 * @public
 */
export const EntityWorkflowOrdersContent = workflowOrdersPlugin.provide(
  createRoutableExtension({
    name: 'EntityWorkflowOrdersContent',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/EntityWorkflowOrdersContent').then(
        m => m.EntityWorkflowOrdersContent,
      ),
  }),
);

/**
 * The Last order card of a workflow's overview: last order, count and orders per day.
 *
 * @public
 */
export const EntityLastOrderCard = workflowOrdersPlugin.provide(
  createComponentExtension({
    name: 'EntityLastOrderCard',
    component: {
      lazy: () =>
        import('./components/EntityLastOrderCard').then(
          m => m.EntityLastOrderCard,
        ),
    },
  }),
);
