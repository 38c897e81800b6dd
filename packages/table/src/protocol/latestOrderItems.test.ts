import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { isTransientDynamoDbError } from '../dynamoDbErrors';
import { readLatestOrderItems } from './latestOrderItems';
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
