/**
 * The workflow_orders DynamoDB table: its definition, the stored order record and the recorder's
 * input schema, idempotent creation, the latest-order backfill, the deployment template and IAM
 * policies.
 *
 * @packageDocumentation
 */

export * from './table';
export {
  ORDER_RETENTION_SECONDS,
  KNOWN_ASSET_TYPES,
  workflowOrderInputSchema,
  workflowOrderRecordSchema,
  expiryOf,
  describeIssues,
} from './orderRecord';
export type { WorkflowOrderInput, WorkflowOrderRecord } from './orderRecord';
export * from './ensureOrdersTable';
export * from './backfillLatestOrders';
export * from './deploy';
