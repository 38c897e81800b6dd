import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentFiles } from './cli';
import {
  backendReadPolicy,
  engineWritePolicy,
  ordersTableTemplate,
} from './deploy';

describe('deployment files', () => {
  it.each(Object.entries(deploymentFiles()))(
    'deploy/%s is what the table definition renders',
    (name, content) => {
      // Act
      const committed = JSON.parse(
        readFileSync(join(__dirname, '..', 'deploy', name), 'utf8'),
      );

      // Assess
      expect(committed).toEqual(content);
    },
  );

  it('declares the table with on-demand billing, TTL on ttl and the id index', () => {
    const table =
      ordersTableTemplate().Resources.WorkflowOrdersTable.Properties;

    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: 'ttl',
      Enabled: true,
    });
    expect(table.GlobalSecondaryIndexes[0].IndexName).toBe('id-index');
  });

  it('lets the engine write orders and settle collisions, but not scan or delete', () => {
    const [statement] = engineWritePolicy({
      region: 'eu-west-1',
      account: '123456789012',
    }).Statement;

    expect(statement.Action).toEqual([
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    ]);
    expect(statement.Resource).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/workflow_orders',
    );
  });

  it('lets the backend read the table and its id index and nothing else', () => {
    const [statement] = backendReadPolicy({ tableName: 'orders' }).Statement;

    expect(statement.Action).toEqual([
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:DescribeTable',
    ]);
    expect(statement.Resource).toEqual([
      'arn:aws:dynamodb:*:*:table/orders',
      'arn:aws:dynamodb:*:*:table/orders/index/id-index',
    ]);
  });
});
