import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  expiryOf,
  guardKeyOf,
  latestOrderUpdateOf,
  ordersTable,
} from '@workflow-orders/table';
import { microseconds, type OrderItem } from './orderItem';
import { withRetry, type RetryLimits, type RetryPolicy } from './retry';

/** An order waiting in the queue, with what earlier tries learned about it. */
export interface PendingOrder {
  readonly item: OrderItem;
  /** An earlier try to put the order may have landed without the answer arriving. */
  uncertain: boolean;
}

/** How a write ended: stored now, or found stored already under the same id. */
export type WriteOutcome = 'recorded' | 'duplicate';

/** Writes one order; rejects with the last error once it gives up. */
export type OrderWriter = (
  order: PendingOrder,
  limits: Omit<RetryLimits, 'onUncertain'>,
) => Promise<WriteOutcome>;

/** Rounds of step 2 before giving up; each round loses one race for a free instant. */
const MAX_ROUNDS = 25;
/** Workflows whose newest latest-order update this process remembers, to skip older ones. */
const REMEMBERED_WORKFLOWS = 10_000;

const { guard, partitionKey, sortKey, ttlAttribute } = ordersTable;
const ABSENT = 'attribute_not_exists(#pk)';
const ABSENT_NAMES = { '#pk': partitionKey };

const isConditionFailed = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * The write protocol, idempotent across retries and re-runs of the engine:
 *
 * 1. Put the order's guard item (keyed by its id) if absent. If present, its pointer is the key the
 *    order was first given, so a re-run whose clock moved on lands on the original key.
 * 2. Put the order at that key if absent. If an item is there, a consistent read tells whether it
 *    is this order (a duplicate, done) or another order placed at the same instant; then the order
 *    moves to the first free microsecond after the orders of that millisecond, the guard follows it
 *    conditionally, and step 2 runs again.
 * 3. Make the stored order its workflow's latest order unless a newer one is there (a conditional
 *    update of the workflow's latest-order item). Retrying the order repeats steps 1 and 2 as no-ops
 *    and this step until it lands.
 *
 * Every read that guards a write is strongly consistent; the id index is never used for this, as a
 * GSI lags behind its table.
 */
export function createOrderWriter(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  policy: RetryPolicy;
}): OrderWriter {
  const { client, tableName: TableName, policy } = options;
  // placed_at of the newest order this process made the latest of its workflow: an older order of
  // the same workflow finishing later needs no update, as its condition would fail anyway.
  const latestWritten = new Map<string, number>();

  return async (order, limits) => {
    const { item } = order;
    const guardKey = guardKeyOf(item.id);
    const retrying = <T>(
      attempt: (abortSignal: AbortSignal) => Promise<T>,
      onUncertain?: () => void,
    ) => withRetry(attempt, policy, { ...limits, onUncertain });
    const read = async (Key: Record<string, unknown>) => {
      const command = new GetCommand({ TableName, Key, ConsistentRead: true });
      return (
        await retrying(abortSignal => client.send(command, { abortSignal }))
      ).Item;
    };
    const putIfAbsent = async (
      Item: Record<string, unknown>,
      onUncertain?: () => void,
    ) => {
      const command = new PutCommand({
        TableName,
        Item,
        ConditionExpression: ABSENT,
        ExpressionAttributeNames: ABSENT_NAMES,
      });
      try {
        await retrying(
          abortSignal => client.send(command, { abortSignal }),
          onUncertain,
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    };

    let workflowId = item.workflow_id;
    let placedAt = item.placed_at;
    const guardItem = {
      ...guardKey,
      [guard.workflowAttribute]: workflowId,
      [guard.pointerAttribute]: placedAt,
      [ttlAttribute]: expiryOf(placedAt),
    };
    if (!(await putIfAbsent(guardItem))) {
      const existing = await read(guardKey);
      if (existing) {
        workflowId = String(existing[guard.workflowAttribute]);
        placedAt = Number(existing[guard.pointerAttribute]);
      }
    }

    const makeLatest = async (stored: typeof item) => {
      if ((latestWritten.get(workflowId) ?? -1) >= stored.placed_at) return;
      const command = new UpdateCommand({
        TableName,
        ...latestOrderUpdateOf(stored),
      });
      try {
        await retrying(abortSignal => client.send(command, { abortSignal }));
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      if (latestWritten.size >= REMEMBERED_WORKFLOWS) latestWritten.clear();
      latestWritten.set(
        workflowId,
        Math.max(latestWritten.get(workflowId) ?? -1, stored.placed_at),
      );
    };

    const markUncertain = () => {
      order.uncertain = true;
    };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const stored = {
        ...item,
        [partitionKey]: workflowId,
        [sortKey]: placedAt,
        [ttlAttribute]: expiryOf(placedAt),
      };
      if (await putIfAbsent(stored, markUncertain)) {
        await makeLatest(stored);
        return 'recorded';
      }

      const occupant = await read({
        [partitionKey]: workflowId,
        [sortKey]: placedAt,
      });
      if (!occupant) continue;
      if (occupant[ordersTable.idIndex.partitionKey] === item.id) {
        await makeLatest(stored);
        return order.uncertain ? 'recorded' : 'duplicate';
      }

      const latest = new QueryCommand({
        TableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
        ExpressionAttributeValues: {
          ':pk': workflowId,
          ':from': placedAt,
          ':to': microseconds(placedAt + 0.001),
        },
        ProjectionExpression: '#sk',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      });
      const { Items } = await retrying(abortSignal =>
        client.send(latest, { abortSignal }),
      );
      const next = microseconds(
        Number(Items?.[0]?.[sortKey] ?? placedAt) + 0.000001,
      );

      const follow = new UpdateCommand({
        TableName,
        Key: guardKey,
        UpdateExpression: 'SET #placed_at = :placed_at, #ttl = :ttl',
        ConditionExpression: '#placed_at = :expected',
        ExpressionAttributeNames: {
          '#placed_at': guard.pointerAttribute,
          '#ttl': ttlAttribute,
        },
        ExpressionAttributeValues: {
          ':placed_at': next,
          ':ttl': expiryOf(next),
          ':expected': placedAt,
        },
      });
      try {
        await retrying(abortSignal => client.send(follow, { abortSignal }));
        placedAt = next;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        // Moved already: by this order's own update whose answer was lost, or by a concurrent copy.
        const moved = await read(guardKey);
        placedAt = moved ? Number(moved[guard.pointerAttribute]) : next;
      }
    }
    throw new Error(`no free placed_at after ${MAX_ROUNDS} tries`);
  };
}
