import {
  guardKeyOf,
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
    });
    expect(update.ConditionExpression).toBe(
      'attribute_not_exists(#placed_at) OR #placed_at < :placed_at',
    );
  });

  it('computes the expiry when the item carries none', () => {
    const update = latestOrderUpdateOf({ workflow_id: 'wf-1', placed_at: 100 });
    expect(update.ExpressionAttributeValues[':ttl']).toBe(100 + 604800);
  });
});
