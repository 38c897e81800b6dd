import { createRouteRef } from '@backstage/core-plugin-api';

/** The Orders tab of a workflow's entity page. @public */
export const rootRouteRef = createRouteRef({
  id: 'workflow-orders',
});

/** The Workflow orders page: the latest order of every workflow. @public */
export const latestOrdersRouteRef = createRouteRef({
  id: 'workflow-orders:latest-orders',
});
