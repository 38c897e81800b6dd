import { ordersTable, ordersTableCreateInput } from './table';

/**
 * A CloudFormation template of the orders table, made from the same definition as every other copy of
 * the table: on-demand billing, TTL on `ttl`, the id index, point-in-time recovery off (orders live
 * 7 days), deletion protection on.
 *
 * @public
 */
export function ordersTableTemplate() {
  const table = ordersTableCreateInput('${TableName}');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'workflow-orders: the table of orders placed by automated trading workflows (kept 7 days by TTL)',
    Parameters: {
      TableName: {
        Type: 'String',
        Default: ordersTable.defaultName,
        Description: 'Name of the orders table',
      },
    },
    Resources: {
      WorkflowOrdersTable: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: { Ref: 'TableName' },
          BillingMode: table.BillingMode,
          AttributeDefinitions: table.AttributeDefinitions,
          KeySchema: table.KeySchema,
          GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
          TimeToLiveSpecification: {
            AttributeName: ordersTable.ttlAttribute,
            Enabled: true,
          },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true },
        },
      },
    },
    Outputs: {
      TableName: { Value: { Ref: 'WorkflowOrdersTable' } },
      TableArn: { Value: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'Arn'] } },
    },
  };
}

const tableArn = (tableName: string, region: string, account: string) =>
  `arn:aws:dynamodb:${region}:${account}:table/${tableName}`;

/** Where an IAM policy applies; `*` stands for any region or account. @public */
export interface PolicyScope {
  /** Name of the table. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
  /** AWS region of the table. @defaultValue '*' */
  readonly region?: string;
  /** AWS account id of the table. @defaultValue '*' */
  readonly account?: string;
}

function scope(options: PolicyScope) {
  return tableArn(
    options.tableName ?? ordersTable.defaultName,
    options.region ?? '*',
    options.account ?? '*',
  );
}

/**
 * Least-privilege IAM policy of the engine (the recorder): conditional puts of orders and their guard
 * items, the consistent reads that settle a repeated recording, the query and guard update that
 * move an order off an instant another order took, and the conditional update of the workflow's
 * latest-order item. No scan, no delete, no index.
 *
 * @public
 */
export function engineWritePolicy(options: PolicyScope = {}) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RecordWorkflowOrders',
        Effect: 'Allow',
        Action: [
          'dynamodb:PutItem',
          'dynamodb:GetItem',
          'dynamodb:UpdateItem',
          'dynamodb:Query',
        ],
        Resource: scope(options),
      },
    ],
  };
}

/**
 * Least-privilege IAM policy of the Backstage backend plugin: queries of the table and of the id
 * index, batched reads of latest-order items, and DescribeTable for the health check. No writes.
 *
 * @public
 */
export function backendReadPolicy(options: PolicyScope = {}) {
  const table = scope(options);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadWorkflowOrders',
        Effect: 'Allow',
        Action: [
          'dynamodb:Query',
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
        ],
        Resource: [table, `${table}/index/${ordersTable.idIndex.name}`],
      },
    ],
  };
}
