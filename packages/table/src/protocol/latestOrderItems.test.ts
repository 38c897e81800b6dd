import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { isTransientDynamoDbError } from '../dynamoDbErrors';
import { workflowOrderRecordSchema } from '../orderRecord';
import { latestOrderKeyOf, ordersTable } from '../table';
import { latestOrderOfItem, readLatestOrderItems } from './latestOrderItems';
import { sendOnce } from './RequestRunner';

/** A client whose BatchGetItem answers each request with `answer(keys)`. */
function clientAnswering(
  answer: (keys: Record<string, unknown>[]) => {
    found: Record<string, unknown>[];
    unprocessed: Record<string, unknown>[];
  },
) {
  const send = jest.fn(async (command: any) => {
    const { Keys } = command.input.RequestItems.orders;
    const { found, unprocessed } = answer(Keys);
    return {
      Responses: { orders: found },
      UnprocessedKeys: unprocessed.length
        ? { orders: { Keys: unprocessed } }
        : {},
    };
  });
  return {
    send,
    target: {
      client: { send } as unknown as DynamoDBDocumentClient,
      tableName: 'orders',
      run: sendOnce,
    },
  };
}

describe('readLatestOrderItems', () => {
  it('asks again for keys DynamoDB left unprocessed, and finds them', async () => {
    // Prepare
    const workflowIds = [randomUUID(), randomUUID()];
    let rounds = 0;
    const { send, target } = clientAnswering(keys => {
      rounds += 1;
      return rounds === 1
        ? { found: [keys[0]], unprocessed: keys.slice(1) }
        : { found: keys, unprocessed: [] };
    });

    // Act
    const found = await readLatestOrderItems(target, workflowIds);

    // Assess
    expect([...found.keys()]).toEqual(workflowIds);
    expect([...found.values()].every(Boolean)).toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('fails as throttling, not as "no item", when keys stay unprocessed', async () => {
    // Prepare
    const { send, target } = clientAnswering(keys => ({
      found: [],
      unprocessed: keys,
    }));

    // Act
    const error = await readLatestOrderItems(target, [randomUUID()]).catch(
      e => e,
    );

    // Assess
    expect(error.message).toBe(
      'DynamoDB left 1 latest-order items unread after 4 BatchGetItem rounds',
    );
    expect(isTransientDynamoDbError(error)).toBe(true);
    expect(send).toHaveBeenCalledTimes(4);
  });
});

describe('latestOrderOfItem', () => {
  const workflowId = randomUUID();
  const order = {
    id: 'order-1',
    workflow_id: workflowId,
    placed_at: 1763769600.5,
    order_code: 'DAX.I',
  };
  const read = (stored: Record<string, unknown>) => {
    const parsed = workflowOrderRecordSchema.safeParse(stored);
    return parsed.success ? parsed.data : undefined;
  };
  /** A latest-order item of workflow `at` that holds `held`, kept at the order's `placed_at`. */
  const itemHolding = (held: Record<string, unknown>, at = workflowId) => ({
    ...latestOrderKeyOf(at),
    [ordersTable.latest.orderAttribute]: held,
    [ordersTable.latest.placedAtAttribute]: order.placed_at,
  });

  it('shows the order an item holds when it is the order the item is kept for', () => {
    expect(latestOrderOfItem(itemHolding(order), read).order).toMatchObject(
      order,
    );
  });

  it('shows nothing for an item that holds a copy of an order kept elsewhere', () => {
    expect(latestOrderOfItem(itemHolding(order, randomUUID()), read)).toEqual({
      problem: 'another order',
    });
  });

  it('tells an item without an order from one whose order cannot be read', () => {
    const { last_order: _none, ...withoutOrder } = itemHolding(order);

    expect(latestOrderOfItem(withoutOrder, read).problem).toBe('no order');
    expect(
      latestOrderOfItem(itemHolding({ ...order, id: '' }), read).problem,
    ).toBe('unreadable order');
  });
});
