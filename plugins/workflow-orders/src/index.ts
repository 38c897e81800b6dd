/**
 * The Orders tab, Last order card and last-order catalog column of automated trading workflows.
 *
 * @packageDocumentation
 */

export {
  workflowOrdersPlugin,
  EntityWorkflowOrdersContent,
  EntityLastOrderCard,
} from './plugin';
export { createLastOrderColumn } from './components/LastOrderColumn';
export type { LastOrderColumnOptions } from './components/LastOrderColumn';
export { isWorkflowOrdersAvailable } from './conditions';
export {
  workflowOrdersApiRef,
  WorkflowOrdersClient,
  WorkflowNotVisibleError,
} from './api';
export type { WorkflowOrdersApi } from './api';
export { rootRouteRef as workflowOrdersRouteRef } from './routes';
export { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
