import { expiryOf, type OrderKey } from '@workflow-orders/order-vocabulary';
import { guardKeyOf, ordersTable } from '../table';
import {
  conditionalUpdate,
  getItem,
  putItemIfAbsent,
  type Target,
} from './items';

// The write protocol takes the order key from here; its home is the contract package.
export type { OrderKey };

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

const guardPointsAtFrom = '#order_placed_at = :from';

/** The update that points the guard of order `orderId` at `to` if it still points at `from`. */
const moveGuard = conditionalUpdate(
  ({ orderId, from, to }: { orderId: string; from: number; to: number }) => ({
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
  }),
  'moved',
  'notAtFrom',
);

/** Points the guard of order `orderId` at `to` if it still points at `from`. */
export function pointGuardAt(
  target: Target,
  orderId: string,
  from: number,
  to: number,
): Promise<'moved' | 'notAtFrom'> {
  return moveGuard(target, { orderId, from, to });
}
