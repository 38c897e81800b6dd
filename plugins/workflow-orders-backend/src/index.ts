/**
 * The workflow-orders backend plugin: order history of trading workflows, served from DynamoDB.
 *
 * @packageDocumentation
 */

export { workflowOrdersPlugin as default } from './plugin';
export { orderStoreServiceRef } from './database/orderStoreServiceRef';
export {
  DynamoDbOrderStore,
  type DynamoDbOrderStoreOptions,
} from './database/DynamoDbOrderStore';
export type {
  HistoryOptions,
  LatestOrderPage,
  LatestOrderPosition,
  LatestOrdersOptions,
  LatestOrdersSince,
  OrderPage,
  OrderStore,
  OrderStoreHealth,
  WorkflowOrderActivity,
} from './database/OrderStore';
