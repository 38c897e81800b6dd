/**
 * The workflow_orders DynamoDB table: its definition, the stored order record and the recorder's
 * input schema, the order write protocol and the latest-order reader, idempotent creation, the
 * latest-order backfill, the deployment template and IAM policies.
 *
 * @packageDocumentation
 */

export * from './table';
export {
  KNOWN_ASSET_TYPES,
  workflowOrderInputSchema,
  workflowOrderRecordSchema,
} from './orderRecord';
export type { WorkflowOrderInput, WorkflowOrderRecord } from './orderRecord';
// The order vocabulary's home is the API contract package; these were always exported here too.
export {
  ORDER_RETENTION_SECONDS,
  expiryOf,
  describeIssues,
} from '@workflow-orders/order-vocabulary';
export type { OrderKey } from '@workflow-orders/order-vocabulary';
export * from './protocol/OrderWriteProtocol';
export * from './protocol/OrdersTablePersistence';
export { latestOrderOfItem } from './protocol/latestOrderItems';
export type { OrderToWrite, TableItem } from './protocol/items';
export { sendOnce } from './protocol/RequestRunner';
export type { RequestRunner, Sent } from './protocol/RequestRunner';
export * from './dynamoDbErrors';
export * from './mapWithConcurrency';
export * from './ensureOrdersTable';
export * from './backfill';
export * from './deploy';
export * from './unstored';
