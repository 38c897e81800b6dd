import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { WorkflowOrdersClient, workflowOrdersApiRef } from './api';
import { latestOrdersRouteRef, rootRouteRef } from './routes';
import type { WorkflowOrdersPageProps } from './components/WorkflowOrdersPage';

/**
 * The workflow-orders plugin: what trading workflows placed, on their entity pages and in the list.
 *
 * @public
 */
export const workflowOrdersPlugin = createPlugin({
  id: 'workflow-orders',
  routes: {
    root: rootRouteRef,
    latestOrders: latestOrdersRouteRef,
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

/**
 * The Workflow orders page: the latest order of every workflow the user may see, with filters in
 * the URL; mount it at `/workflow-orders`.
 *
 * @public
 */
export const WorkflowOrdersPage: (
  props: WorkflowOrdersPageProps,
) => JSX.Element | null = workflowOrdersPlugin.provide(
  createRoutableExtension({
    name: 'WorkflowOrdersPage',
    mountPoint: latestOrdersRouteRef,
    component: () =>
      import('./components/WorkflowOrdersPage').then(m => m.WorkflowOrdersPage),
  }),
);
