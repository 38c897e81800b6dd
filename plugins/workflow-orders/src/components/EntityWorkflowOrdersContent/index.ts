export { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';
