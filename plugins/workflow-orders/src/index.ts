/**
 * The Orders tab, Last order card, last-order catalog column and Workflow orders page of automated
 * trading workflows.
 *
 * @packageDocumentation
 */

export {
  workflowOrdersPlugin,
  EntityWorkflowOrdersContent,
  EntityLastOrderCard,
  WorkflowOrdersPage,
} from './plugin';
export type { WorkflowOrdersPageProps } from './components/WorkflowOrdersPage';
export { createLastOrderColumn } from './components/LastOrderColumn';
export type { LastOrderColumnOptions } from './components/LastOrderColumn';
export { isWorkflowOrdersAvailable } from './conditions';
export {
  workflowOrdersApiRef,
  WorkflowOrdersClient,
  WorkflowNotVisibleError,
} from './api';
export type { CsvExport, WorkflowOrdersApi } from './api';
export {
  rootRouteRef as workflowOrdersRouteRef,
  latestOrdersRouteRef as workflowOrdersPageRouteRef,
} from './routes';
export { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
