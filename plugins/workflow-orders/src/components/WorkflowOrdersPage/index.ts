export { WorkflowOrdersPage } from './WorkflowOrdersPage';
export type { WorkflowOrdersPageProps } from './WorkflowOrdersPage';
