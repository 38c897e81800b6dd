import { ordersTable, ordersTableCreateInput } from './table';

/** Name of the stream projector's function, and of its log group and on-failure queue. */
const PROJECTOR_NAME = 'stream-projector';

/**
 * The stream projector's least-privilege statements over the given resources: read the table's
 * stream, update items of the table with the latest-order attributes only, send what failed to the
 * on-failure queue, write its own logs.
 */
function streamProjectorStatements<Resource>(resources: {
  table: Resource;
  stream: Resource;
  queue: Resource;
  logGroup: Resource;
}) {
  const { partitionKey, sortKey, ttlAttribute, latest, latestIndex } =
    ordersTable;
  return [
    {
      Sid: 'ReadTheOrdersStream',
      Effect: 'Allow',
      Action: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ],
      Resource: resources.stream,
    },
    {
      // IAM has no condition on sort key values (dynamodb:LeadingKeys is the partition key only),
      // so "latest-order items only" is the attributes an update may name: the keys and the four
      // latest-order attributes (with the latest-orders index key), never an order's fields but its
      // `ttl`. No item is read back.
      Sid: 'AdvanceLatestOrderItems',
      Effect: 'Allow',
      Action: ['dynamodb:UpdateItem'],
      Resource: resources.table,
      Condition: {
        'ForAllValues:StringEquals': {
          'dynamodb:Attributes': [
            partitionKey,
            sortKey,
            latest.orderAttribute,
            latest.placedAtAttribute,
            ttlAttribute,
            latestIndex.partitionKey,
          ],
        },
        StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
      },
    },
    {
      Sid: 'SendFailedBatchesToTheQueue',
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: resources.queue,
    },
    {
      Sid: 'WriteItsLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: resources.logGroup,
    },
  ];
}

/** `${TableName}-stream-projector` and the like, in the template's own substitution syntax. */
const projectorNamed = (suffix = '') => ({
  'Fn::Sub': `\${TableName}-${PROJECTOR_NAME}${suffix}`,
});

/** The stream projector's resources in the template, made only when its code is given. */
function streamProjectorResources() {
  const condition = 'DeployStreamProjector';
  const functionName = projectorNamed();
  return {
    StreamProjectorFailureQueue: {
      Type: 'AWS::SQS::Queue',
      Condition: condition,
      Properties: {
        QueueName: projectorNamed('-failures'),
        // Lambda sends the failed batch's shard and sequence numbers; 14 days to look at them.
        MessageRetentionPeriod: 1_209_600,
        SqsManagedSseEnabled: true,
      },
    },
    StreamProjectorLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Condition: condition,
      Properties: {
        LogGroupName: {
          'Fn::Sub': `/aws/lambda/\${TableName}-${PROJECTOR_NAME}`,
        },
        RetentionInDays: 30,
      },
    },
    StreamProjectorRole: {
      Type: 'AWS::IAM::Role',
      Condition: condition,
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'workflow-orders-stream-projector',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: streamProjectorStatements({
                table: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'Arn'] },
                stream: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'] },
                queue: { 'Fn::GetAtt': ['StreamProjectorFailureQueue', 'Arn'] },
                logGroup: { 'Fn::GetAtt': ['StreamProjectorLogGroup', 'Arn'] },
              }),
            },
          },
        ],
      },
    },
    StreamProjectorFunction: {
      Type: 'AWS::Lambda::Function',
      Condition: condition,
      Properties: {
        FunctionName: functionName,
        Description:
          "workflow-orders: keeps each workflow's latest-order item current from the orders table's stream",
        Runtime: { Ref: 'StreamProjectorRuntime' },
        Handler: 'index.handler',
        Code: {
          S3Bucket: { Ref: 'StreamProjectorCodeS3Bucket' },
          S3Key: { Ref: 'StreamProjectorCodeS3Key' },
        },
        Role: { 'Fn::GetAtt': ['StreamProjectorRole', 'Arn'] },
        MemorySize: 256,
        Timeout: 60,
        Environment: {
          Variables: { WORKFLOW_ORDERS_TABLE: { Ref: 'WorkflowOrdersTable' } },
        },
        LoggingConfig: {
          LogFormat: 'JSON',
          LogGroup: { Ref: 'StreamProjectorLogGroup' },
        },
      },
    },
    StreamProjectorEventSourceMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Condition: condition,
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'] },
        FunctionName: { Ref: 'StreamProjectorFunction' },
        // From the oldest record the stream keeps (24 hours), so nothing written before is lost.
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 86_400,
        // Orders only: removals, guard items and latest-order items (the function's own writes, at
        // sort key 0) never invoke it.
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT', 'MODIFY'],
                dynamodb: {
                  Keys: {
                    [ordersTable.sortKey]: {
                      N: [
                        {
                          'anything-but': [String(ordersTable.latest.sortKey)],
                        },
                      ],
                    },
                  },
                },
              }),
            },
          ],
        },
        DestinationConfig: {
          OnFailure: {
            Destination: {
              'Fn::GetAtt': ['StreamProjectorFailureQueue', 'Arn'],
            },
          },
        },
      },
    },
  };
}

/**
 * A CloudFormation template of the orders table, made from the same definition as every other copy of
 * the table: on-demand billing, TTL on `ttl`, the id index and the latest-orders index, a stream of new images, point-in-time
 * recovery off (orders live 7 days), deletion protection on. Given the S3 location of its code, it
 * also deploys the stream projector: its function, role, log group, the event source mapping on the
 * table's stream (partial batch failures reported, failed batches bisected and retried, then sent
 * to an on-failure SQS queue) and that queue.
 *
 * @public
 */
export function ordersTableTemplate() {
  const table = ordersTableCreateInput('${TableName}');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'workflow-orders: the table of orders placed by automated trading workflows (kept 7 days by TTL), and its stream projector',
    Parameters: {
      TableName: {
        Type: 'String',
        Default: ordersTable.defaultName,
        Description: 'Name of the orders table',
      },
      StreamProjectorCodeS3Bucket: {
        Type: 'String',
        Default: '',
        Description:
          "S3 bucket of the stream projector's code (a zip of @workflow-orders/stream-projector); empty deploys the table alone",
      },
      StreamProjectorCodeS3Key: {
        Type: 'String',
        Default: 'workflow-orders/stream-projector.zip',
        Description: "S3 key of the stream projector's zip in that bucket",
      },
      StreamProjectorRuntime: {
        Type: 'String',
        Default: 'nodejs24.x',
        AllowedValues: ['nodejs24.x', 'nodejs22.x'],
        Description: 'Lambda runtime of the stream projector',
      },
    },
    Conditions: {
      DeployStreamProjector: {
        'Fn::Not': [
          { 'Fn::Equals': [{ Ref: 'StreamProjectorCodeS3Bucket' }, ''] },
        ],
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
          StreamSpecification: {
            StreamViewType: table.StreamSpecification.StreamViewType,
          },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true },
        },
      },
      ...streamProjectorResources(),
    },
    Outputs: {
      TableName: { Value: { Ref: 'WorkflowOrdersTable' } },
      TableArn: { Value: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'Arn'] } },
      TableStreamArn: {
        Value: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'] },
      },
      StreamProjectorFailureQueueUrl: {
        Condition: 'DeployStreamProjector',
        Value: { Ref: 'StreamProjectorFailureQueue' },
      },
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
 * Least-privilege IAM policy of the Backstage backend plugin: queries of the table and of its
 * indexes (the id index, the latest-orders index, and any index a later version adds), batched reads of latest-order items, and DescribeTable for the health check. No writes.
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
        Resource: [table, `${table}/index/*`],
      },
    ],
  };
}

/**
 * Least-privilege IAM policy of the stream projector's function: read the table's stream, update
 * items with the latest-order attributes only (IAM cannot name a sort key value, so the keys and
 * `last_order`, `last_placed_at`, `ttl` and `latest_orders_shard` are all an update may touch), send failed batches to its
 * on-failure queue (`<table>-stream-projector-failures`) and write its logs
 * (`/aws/lambda/<table>-stream-projector`). The template gives its role the same statements.
 *
 * @public
 */
export function streamProjectorPolicy(options: PolicyScope = {}) {
  const tableName = options.tableName ?? ordersTable.defaultName;
  const region = options.region ?? '*';
  const account = options.account ?? '*';
  const table = scope(options);
  return {
    Version: '2012-10-17',
    Statement: streamProjectorStatements({
      table,
      stream: `${table}/stream/*`,
      queue: `arn:aws:sqs:${region}:${account}:${tableName}-${PROJECTOR_NAME}-failures`,
      logGroup: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${tableName}-${PROJECTOR_NAME}:*`,
    }),
  };
}
