/**
 * The workflow_orders DynamoDB table: idempotent creation, deployment template and IAM policies, an
 * embedded DynamoDB and a fault-injecting proxy for tests and benchmarks.
 *
 * @packageDocumentation
 */

export * from './ensureOrdersTable';
export * from './backfillLatestOrders';
export * from './embedded';
export * from './faultProxy';
export * from './deploy';
