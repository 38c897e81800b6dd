import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import {
  latestOrderOf,
  type LatestOrderReading,
} from '@workflow-orders/order-vocabulary';
import { mapWithConcurrency } from '../mapWithConcurrency';
import {
  latestOrderIndexKeyUpdateOf,
  latestOrderKeyOf,
  latestOrderUpdateOf,
  ordersTable,
} from '../table';
import {
  conditionalUpdate,
  type TableItem as Item,
  type Target,
} from './items';

/** Keys in one BatchGetItem request, DynamoDB's limit. */
const BATCH_GET_KEYS = 100;
/** Times keys that DynamoDB left unprocessed are asked for again. */
const UNPROCESSED_ROUNDS = 3;
/** BatchGetItem requests in flight at once. */
const CONCURRENT_BATCHES = 4;

/** Waits on an unref'ed timer, so a pause between rounds never keeps a CLI alive. */
const pause = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms).unref());

/**
 * The order a latest-order item, or a row of the `latest-orders-index`, shows: the contract's rule,
 * `latestOrderOf`, applied to the item's partition, `last_placed_at` and `last_order` (which `read`
 * reads as an order).
 *
 * @public
 */
export function latestOrderOfItem<
  T extends { readonly workflow_id: string; readonly placed_at: number },
>(item: Item, read: (order: Item) => T | undefined): LatestOrderReading<T> {
  const { partitionKey, latest } = ordersTable;
  return latestOrderOf(
    {
      workflowId: item[partitionKey],
      placedAt: item[latest.placedAtAttribute],
      order: item[latest.orderAttribute],
    },
    read,
  );
}

/** The conditional update that makes `order` its workflow's latest order unless it is current. */
export const writeLatestOrderItem = conditionalUpdate(
  latestOrderUpdateOf,
  'written',
  'current',
);

/**
 * Puts a latest-order item written before the `latest-orders-index` existed in the index (`indexed`),
 * or finds it there already or without a latest order (`unchanged`).
 */
export const indexLatestOrderItem = conditionalUpdate(
  latestOrderIndexKeyUpdateOf,
  'indexed',
  'unchanged',
);

/** One BatchGetItem request: the latest-order items found, and the keys left unprocessed. */
async function readBatch(target: Target, keys: Item[]) {
  const { client, tableName, run } = target;
  const { partitionKey, latest } = ordersTable;
  const command = new BatchGetCommand({
    RequestItems: {
      [tableName]: {
        Keys: keys,
        ProjectionExpression: '#workflow_id, #order, #order_placed_at',
        ExpressionAttributeNames: {
          '#workflow_id': partitionKey,
          '#order': latest.orderAttribute,
          '#order_placed_at': latest.placedAtAttribute,
        },
      },
    },
  });
  const { value } = await run(abortSignal =>
    client.send(command, { abortSignal }),
  );
  return {
    items: value.Responses?.[tableName] ?? [],
    unprocessed: value.UnprocessedKeys?.[tableName]?.Keys ?? [],
  };
}

/**
 * The latest-order items of these workflows, by workflow id, a hundred keys per request. Keys left
 * unprocessed are asked for again, with a growing pause, for a few rounds. A key that stays
 * unprocessed fails the read as throttling (`ProvisionedThroughputExceededException`, which
 * `isTransientDynamoDbError` knows): reading it as "no item" would show a workflow that traded as one
 * that never did.
 */
export async function readLatestOrderItems(
  target: Target,
  workflowIds: readonly string[],
): Promise<Map<string, Item | undefined>> {
  // BatchGetItem refuses a request that names a key twice.
  const unique = [...new Set(workflowIds)];
  const found = new Map<string, Item | undefined>(
    unique.map(id => [id, undefined]),
  );
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_KEYS) {
    chunks.push(unique.slice(start, start + BATCH_GET_KEYS));
  }
  await mapWithConcurrency(chunks, CONCURRENT_BATCHES, async chunk => {
    let keys: Item[] = chunk.map(latestOrderKeyOf);
    for (
      let round = 0;
      keys.length > 0 && round <= UNPROCESSED_ROUNDS;
      round++
    ) {
      if (round > 0) await pause(25 * 2 ** round);
      const { items, unprocessed } = await readBatch(target, keys);
      for (const item of items) {
        found.set(String(item[ordersTable.partitionKey]), item);
      }
      keys = unprocessed;
    }
    if (keys.length > 0) {
      throw Object.assign(
        new Error(
          `DynamoDB left ${keys.length} latest-order items unread after ${UNPROCESSED_ROUNDS + 1} BatchGetItem rounds`,
        ),
        { name: 'ProvisionedThroughputExceededException' },
      );
    }
  });
  return found;
}
