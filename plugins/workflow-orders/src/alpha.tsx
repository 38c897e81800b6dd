import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { WorkflowOrdersClient, workflowOrdersApiRef } from './api';
import { isWorkflowOrdersAvailable } from './conditions';
import { RiFileList3Line } from '@remixicon/react';
import { latestOrdersRouteRef, rootRouteRef } from './routes';

export { catalogLastOrderColumnModule } from './catalogLastOrderColumnModule';

/** The workflow-orders API for the new frontend system. @alpha */
export const workflowOrdersApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: workflowOrdersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new WorkflowOrdersClient({ discoveryApi, fetchApi }),
    }),
});

/** The Orders tab, at `orders` on the entity pages of trading workflows. @alpha */
export const workflowOrdersEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'orders',
    title: 'Orders',
    routeRef: rootRouteRef,
    filter: isWorkflowOrdersAvailable,
    loader: () =>
      import('./components/EntityWorkflowOrdersContent').then(m => (
        <m.EntityWorkflowOrdersContent />
      )),
  },
});

/**
 * The Last order card on the overview of trading workflows. Of type `info`, so the entity page puts
 * it with the entity's summary (beside the About card), not among the content cards below.
 *
 * @alpha
 */
export const workflowOrdersLastOrderCard = EntityCardBlueprint.make({
  name: 'last-order',
  params: {
    type: 'info',
    filter: isWorkflowOrdersAvailable,
    loader: () =>
      import('./components/EntityLastOrderCard').then(m => (
        <m.EntityLastOrderCard />
      )),
  },
});

/**
 * The Workflow orders page at `/workflow-orders`, in the sidebar as "Workflow orders": the latest
 * order of every workflow. It draws its own header, so the app's default one is left out.
 *
 * @alpha
 */
export const workflowOrdersPage = PageBlueprint.make({
  params: {
    path: '/workflow-orders',
    title: 'Workflow orders',
    icon: <RiFileList3Line size={20} aria-hidden />,
    routeRef: latestOrdersRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/WorkflowOrdersPage').then(m => (
        <m.WorkflowOrdersPage />
      )),
  },
});

/**
 * The workflow-orders plugin for Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'workflow-orders',
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, latestOrders: latestOrdersRouteRef },
  extensions: [
    workflowOrdersApi,
    workflowOrdersEntityContent,
    workflowOrdersLastOrderCard,
    workflowOrdersPage,
  ],
});
