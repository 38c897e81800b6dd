/**
 * The one definition of the `workflow_orders` table (data-model.md section 6). Tests, the local portal,
 * the `table:create` script and the deployment template are all made from it.
 *
 * Orders are keyed by workflow and time: `workflow_id` (S) and `placed_at` (N, epoch seconds with
 * sub-second digits, so two orders in one second are two items). The `id` index finds any order by its
 * id without a Scan, whoever wrote it.
 *
 * Beside the orders, the recorder writes one small guard item per order id (partition
 * `order-id#<id>`, sort key 0, no `id` attribute, so it is in no index). It is written first with a
 * condition, which makes a second recording of the same order, by a retry or a re-run of the engine,
 * a no-op; it points at the order's item and expires with it.
 *
 * @public
 */
export const ordersTable = {
  defaultName: 'workflow_orders',
  partitionKey: 'workflow_id',
  sortKey: 'placed_at',
  ttlAttribute: 'ttl',
  idIndex: {
    name: 'id-index',
    partitionKey: 'id',
  },
  guard: {
    partitionPrefix: 'order-id#',
    sortKey: 0,
    pointerAttribute: 'order_placed_at',
    workflowAttribute: 'order_workflow_id',
  },
} as const;

/** Partition key value of the guard item of order `id`. @public */
export function guardKeyOf(id: string): {
  workflow_id: string;
  placed_at: number;
} {
  return {
    workflow_id: `${ordersTable.guard.partitionPrefix}${id}`,
    placed_at: ordersTable.guard.sortKey,
  };
}

/**
 * The CreateTable request of the orders table, in the DynamoDB API's own shape (on-demand billing),
 * so any client or template can use it as it is.
 *
 * @public
 */
export function ordersTableCreateInput(
  tableName: string = ordersTable.defaultName,
) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: ordersTable.partitionKey, AttributeType: 'S' as const },
      { AttributeName: ordersTable.sortKey, AttributeType: 'N' as const },
      {
        AttributeName: ordersTable.idIndex.partitionKey,
        AttributeType: 'S' as const,
      },
    ],
    KeySchema: [
      { AttributeName: ordersTable.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: ordersTable.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: ordersTable.idIndex.name,
        KeySchema: [
          {
            AttributeName: ordersTable.idIndex.partitionKey,
            KeyType: 'HASH' as const,
          },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
