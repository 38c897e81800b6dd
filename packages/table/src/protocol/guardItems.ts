import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiryOf } from '../orderRecord';
import { guardKeyOf, ordersTable } from '../table';
import { getItem, putItemIfAbsent, type Target } from './items';
import { sendConditionally } from './RequestRunner';

/** Where an order is stored: its workflow's partition, at the instant it was placed. @public */
export interface OrderKey {
  /** The partition: the order's workflow. */
  readonly workflowId: string;
  /** The sort key: epoch seconds, to the microsecond. */
  readonly placedAt: number;
}

const { guard, ttlAttribute } = ordersTable;

/** Puts the guard of order `orderId`, pointing at `key`, unless the order id has one. */
export function putGuardIfAbsent(
  target: Target,
  orderId: string,
  key: OrderKey,
) {
  return putItemIfAbsent(target, {
    ...guardKeyOf(orderId),
    [guard.workflowAttribute]: key.workflowId,
    [guard.pointerAttribute]: key.placedAt,
    [ttlAttribute]: expiryOf(key.placedAt),
  });
}

/** Where the guard of order `orderId` points, if it has one. */
export async function getGuard(
  target: Target,
  orderId: string,
): Promise<OrderKey | undefined> {
  const item = await getItem(target, guardKeyOf(orderId));
  if (!item) return undefined;
  return {
    workflowId: String(item[guard.workflowAttribute]),
    placedAt: Number(item[guard.pointerAttribute]),
  };
}

/** Points the guard of order `orderId` at `to` if it still points at `from`. */
export async function pointGuardAt(
  target: Target,
  orderId: string,
  from: number,
  to: number,
): Promise<'moved' | 'notAtFrom'> {
  const { client, tableName, run } = target;
  const guardPointsAtFrom = '#order_placed_at = :from';
  const command = new UpdateCommand({
    TableName: tableName,
    Key: guardKeyOf(orderId),
    UpdateExpression: 'SET #order_placed_at = :to, #ttl = :ttl',
    ConditionExpression: guardPointsAtFrom,
    ExpressionAttributeNames: {
      '#order_placed_at': guard.pointerAttribute,
      '#ttl': ttlAttribute,
    },
    ExpressionAttributeValues: {
      ':to': to,
      ':ttl': expiryOf(to),
      ':from': from,
    },
  });
  const { value } = await sendConditionally(
    run,
    abortSignal => client.send(command, { abortSignal }),
    'moved',
    'notAtFrom',
  );
  return value;
}
