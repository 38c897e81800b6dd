import { createRouteRef } from '@backstage/core-plugin-api';

/** The Orders tab of a workflow's entity page. @public */
export const rootRouteRef = createRouteRef({
  id: 'workflow-orders',
});
