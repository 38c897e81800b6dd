import {
  guardKeyOf,
  latestOrderIndexKeyUpdateOf,
  latestOrderUpdateOf,
  ordersTableCreateInput,
} from './table';

describe('ordersTableCreateInput', () => {
  it('keys orders by workflow and time, on demand, with an index on the order id', () => {
    // Act
    const input = ordersTableCreateInput('orders_test');

    // Assess
    expect(input.TableName).toBe('orders_test');
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.KeySchema).toEqual([
      { AttributeName: 'workflow_id', KeyType: 'HASH' },
      { AttributeName: 'placed_at', KeyType: 'RANGE' },
    ]);
    expect(input.AttributeDefinitions).toContainEqual({
      AttributeName: 'placed_at',
      AttributeType: 'N',
    });
    expect(input.GlobalSecondaryIndexes[0]).toMatchObject({
      IndexName: 'id-index',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  });

  it('lists latest-order items by their latest order in a sparse index that holds the order alone', () => {
    // Act
    const input = ordersTableCreateInput('orders_test');

    // Assess
    expect(input.GlobalSecondaryIndexes[1]).toEqual({
      IndexName: 'latest-orders-index',
      KeySchema: [
        { AttributeName: 'latest_orders_shard', KeyType: 'HASH' },
        { AttributeName: 'last_placed_at', KeyType: 'RANGE' },
      ],
      Projection: {
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: ['last_order'],
      },
    });
    expect(input.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'latest_orders_shard', AttributeType: 'S' },
        { AttributeName: 'last_placed_at', AttributeType: 'N' },
      ]),
    );
  });

  it('uses workflow_orders when no name is given', () => {
    expect(ordersTableCreateInput().TableName).toBe('workflow_orders');
  });
});

describe('guardKeyOf', () => {
  it('puts guard items in a partition no workflow id can name', () => {
    expect(guardKeyOf('test-order-001')).toEqual({
      workflow_id: 'order-id#test-order-001',
      placed_at: 0,
    });
  });
});

describe('latestOrderUpdateOf', () => {
  it('keeps the order at sort key 0 of its workflow, only if it is newer, expiring with it', () => {
    // Act
    const update = latestOrderUpdateOf({
      workflow_id: 'wf-1',
      placed_at: 1763769600.5,
      id: 'order-1',
      ttl: 1764374400,
    });

    // Assess
    expect(update.Key).toEqual({ workflow_id: 'wf-1', placed_at: 0 });
    expect(update.ExpressionAttributeValues).toEqual({
      ':order': {
        workflow_id: 'wf-1',
        placed_at: 1763769600.5,
        id: 'order-1',
        ttl: 1764374400,
      },
      ':placed_at': 1763769600.5,
      ':ttl': 1764374400,
      ':shard': 'latest',
    });
    expect(update.UpdateExpression).toBe(
      'SET #order = :order, #placed_at = :placed_at, #ttl = :ttl, #shard = :shard',
    );
    expect(update.ExpressionAttributeNames['#shard']).toBe(
      'latest_orders_shard',
    );
    expect(update.ConditionExpression).toBe(
      'attribute_not_exists(#placed_at) OR #placed_at < :placed_at',
    );
  });

  it('computes the expiry when the item carries none', () => {
    const update = latestOrderUpdateOf({ workflow_id: 'wf-1', placed_at: 100 });
    expect(update.ExpressionAttributeValues[':ttl']).toBe(100 + 604800);
  });
});

describe('latestOrderIndexKeyUpdateOf', () => {
  it('sets the index key of a latest-order item only where it holds an order and lacks the key', () => {
    const update = latestOrderIndexKeyUpdateOf('wf-1');

    expect(update).toEqual({
      Key: { workflow_id: 'wf-1', placed_at: 0 },
      UpdateExpression: 'SET #shard = :shard',
      ConditionExpression:
        'attribute_exists(#placed_at) AND attribute_not_exists(#shard)',
      ExpressionAttributeNames: {
        '#placed_at': 'last_placed_at',
        '#shard': 'latest_orders_shard',
      },
      ExpressionAttributeValues: { ':shard': 'latest' },
    });
  });
});
