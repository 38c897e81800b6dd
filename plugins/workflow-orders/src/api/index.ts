export { workflowOrdersApiRef } from './WorkflowOrdersApi';
export type { CsvExport, WorkflowOrdersApi } from './WorkflowOrdersApi';
export { WorkflowOrdersClient } from './WorkflowOrdersClient';
export { WorkflowNotVisibleError } from './errors';
