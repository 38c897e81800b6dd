export { workflowOrdersApiRef } from './WorkflowOrdersApi';
export type { WorkflowOrdersApi } from './WorkflowOrdersApi';
export { WorkflowOrdersClient } from './WorkflowOrdersClient';
export { WorkflowNotVisibleError } from './errors';
