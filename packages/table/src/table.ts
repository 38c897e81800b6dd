import { expiryOf } from './orderRecord';

/**
 * The one definition of the `workflow_orders` table. Tests, the local portal,
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
 * In each workflow's partition, at sort key 0 (outside every retention-window key condition), the
 * recorder keeps a latest-order item: a copy of the workflow's newest order in `last_order`, and its
 * `placed_at` in `last_placed_at`, updated only by a newer order. It expires with that order. A page of
 * the workflows list reads these items with BatchGetItem instead of one Query per workflow.
 *
 * The `latest-orders-index` lists those latest-order items newest first, for the Workflow orders
 * page. It is sparse: its partition key, `latest_orders_shard`, is an attribute only latest-order
 * items carry (always `latest`), so no order or guard item is copied into it, and one Query of its
 * single partition reads the latest orders of every workflow in the order of their sort key,
 * `last_placed_at`: a key condition `last_placed_at >= now - 7 days` leaves out latest orders whose
 * TTL deletion is late, and `ScanIndexForward: false` reads the newest first. Its projection is
 * `last_order` alone (with the keys), which is everything a row of the page shows; the item's `ttl`
 * stays out. One partition takes about 1,000 writes a second, and each new latest order moves its
 * item in the index (a delete and a put), so it serves some 500 new latest orders a second across
 * all workflows; a table that needs more shards the key (see the backend's README).
 *
 * The table's stream carries each new item image, so the stream projector can advance the
 * latest-order items for orders of every writer, not only the recorder's.
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
  latest: {
    sortKey: 0,
    orderAttribute: 'last_order',
    placedAtAttribute: 'last_placed_at',
  },
  latestIndex: {
    name: 'latest-orders-index',
    partitionKey: 'latest_orders_shard',
    /** The one value of the partition key: every latest-order item is in the same partition. */
    shard: 'latest',
    sortKey: 'last_placed_at',
  },
  stream: {
    viewType: 'NEW_IMAGE',
  },
} as const;

/** Rounds epoch seconds to the microseconds the sort key keeps, so float noise never reaches a key. @public */
export function roundToMicroseconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

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

/** Key of the latest-order item of workflow `workflowId`. @public */
export function latestOrderKeyOf(workflowId: string): {
  workflow_id: string;
  placed_at: number;
} {
  return {
    workflow_id: workflowId,
    placed_at: ordersTable.latest.sortKey,
  };
}

/**
 * The UpdateItem request (without `TableName`) that makes `order`, a stored order item, the latest
 * order of its workflow unless a newer one is there already, and puts the item in the
 * `latest-orders-index`. A failed condition means a newer order is the latest: the update is done.
 * Repeating it changes nothing, so a retry is always safe.
 *
 * @public
 */
export function latestOrderUpdateOf(order: {
  readonly workflow_id: string;
  readonly placed_at: number;
  readonly [attribute: string]: unknown;
}) {
  const { latest, latestIndex, ttlAttribute } = ordersTable;
  const latestOrderDoesNotExist = 'attribute_not_exists(#placed_at)';
  const latestOrderIsOlder = '#placed_at < :placed_at';
  return {
    Key: latestOrderKeyOf(order.workflow_id),
    UpdateExpression:
      'SET #order = :order, #placed_at = :placed_at, #ttl = :ttl, #shard = :shard',
    ConditionExpression: [latestOrderDoesNotExist, latestOrderIsOlder].join(
      ' OR ',
    ),
    ExpressionAttributeNames: {
      '#order': latest.orderAttribute,
      '#placed_at': latest.placedAtAttribute,
      '#ttl': ttlAttribute,
      '#shard': latestIndex.partitionKey,
    },
    ExpressionAttributeValues: {
      ':order': order,
      ':placed_at': order.placed_at,
      ':ttl': order[ttlAttribute] ?? expiryOf(order.placed_at),
      ':shard': latestIndex.shard,
    },
  };
}

/**
 * The UpdateItem request (without `TableName`) that puts the latest-order item of `workflowId`,
 * written before the `latest-orders-index` existed, in that index: it sets the index key where the
 * item has a latest order and no key yet. A failed condition means there is nothing to do.
 *
 * @public
 */
export function latestOrderIndexKeyUpdateOf(workflowId: string) {
  const { latest, latestIndex } = ordersTable;
  return {
    Key: latestOrderKeyOf(workflowId),
    UpdateExpression: 'SET #shard = :shard',
    ConditionExpression:
      'attribute_exists(#placed_at) AND attribute_not_exists(#shard)',
    ExpressionAttributeNames: {
      '#placed_at': latest.placedAtAttribute,
      '#shard': latestIndex.partitionKey,
    },
    ExpressionAttributeValues: { ':shard': latestIndex.shard },
  };
}

/**
 * The global secondary indexes of the orders table, in the DynamoDB API's shape: the `id-index` and
 * the sparse `latest-orders-index` (see {@link ordersTable}).
 *
 * @public
 */
export function ordersTableIndexes() {
  const { idIndex, latestIndex, latest } = ordersTable;
  return [
    {
      IndexName: idIndex.name,
      KeySchema: [
        { AttributeName: idIndex.partitionKey, KeyType: 'HASH' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    },
    {
      IndexName: latestIndex.name,
      KeySchema: [
        { AttributeName: latestIndex.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: latestIndex.sortKey, KeyType: 'RANGE' as const },
      ],
      // The row of the page is the order in `last_order`; the keys come with every projection.
      Projection: {
        ProjectionType: 'INCLUDE' as const,
        NonKeyAttributes: [latest.orderAttribute],
      },
    },
  ];
}

/**
 * The CreateTable request of the orders table, in the DynamoDB API's own shape (on-demand billing,
 * its two indexes, a stream of new images), so any client or template can use it as it is.
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
      {
        AttributeName: ordersTable.latestIndex.partitionKey,
        AttributeType: 'S' as const,
      },
      {
        AttributeName: ordersTable.latestIndex.sortKey,
        AttributeType: 'N' as const,
      },
    ],
    KeySchema: [
      { AttributeName: ordersTable.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: ordersTable.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: ordersTableIndexes(),
    StreamSpecification: {
      StreamEnabled: true,
      StreamViewType: ordersTable.stream.viewType,
    },
  };
}
