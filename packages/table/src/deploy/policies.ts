import { ordersTable } from '../table';

/** A statement of a permissions policy: what it allows, on which resources, and when. @public */
export type IamStatement<TResource = string> = {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: TResource;
  Condition?: Record<string, Record<string, string | string[]>>;
};

/** An IAM permissions policy: its statements, each over resources of type `TResource`. @public */
export type IamPolicyDocument<TResource = string> = {
  Version: '2012-10-17';
  Statement: IamStatement<TResource>[];
};

/** Where an IAM policy applies; `*` stands for any region or account. @public */
export interface PolicyScope {
  /** Name of the table. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
  /** AWS region of the table. @defaultValue '*' */
  readonly region?: string;
  /** AWS account id of the table. @defaultValue '*' */
  readonly account?: string;
}

/**
 * The names of the stream projector's function, on-failure queue and log group beside table
 * `tableName` (a name, or `${TableName}` in the template).
 */
export function streamProjectorNames(tableName: string) {
  const functionName = `${tableName}-stream-projector`;
  return {
    functionName,
    queueName: `${functionName}-failures`,
    logGroupName: `/aws/lambda/${functionName}`,
  };
}

/**
 * The stream projector's least-privilege statements over the given resources: read the table's
 * stream, update items of the table with the latest-order attributes only, send what failed to the
 * on-failure queue, write its own logs.
 */
export function streamProjectorStatements<Resource>(resources: {
  table: Resource;
  stream: Resource;
  queue: Resource;
  logGroup: Resource;
}): IamStatement<Resource>[] {
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

/** The scope with its defaults: the table's name, region and account (`*` for any). */
function resolved(scope: PolicyScope) {
  const tableName = scope.tableName ?? ordersTable.defaultName;
  const region = scope.region ?? '*';
  const account = scope.account ?? '*';
  return {
    tableName,
    region,
    account,
    tableArn: `arn:aws:dynamodb:${region}:${account}:table/${tableName}`,
  };
}

/**
 * Least-privilege IAM policy of the engine (the recorder): conditional puts of orders and their guard
 * items, the consistent reads that settle a repeated recording, the query and guard update that
 * move an order off an instant another order took, and the conditional update of the workflow's
 * latest-order item. No scan, no delete, no index.
 *
 * @public
 */
export function engineWritePolicy(
  options: PolicyScope = {},
): IamPolicyDocument<string> {
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
        Resource: resolved(options).tableArn,
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
export function backendReadPolicy(
  options: PolicyScope = {},
): IamPolicyDocument<string[]> {
  const { tableArn } = resolved(options);
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
        Resource: [tableArn, `${tableArn}/index/*`],
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
export function streamProjectorPolicy(
  options: PolicyScope = {},
): IamPolicyDocument<string> {
  const { tableName, region, account, tableArn } = resolved(options);
  const { queueName, logGroupName } = streamProjectorNames(tableName);
  return {
    Version: '2012-10-17',
    Statement: streamProjectorStatements({
      table: tableArn,
      stream: `${tableArn}/stream/*`,
      queue: `arn:aws:sqs:${region}:${account}:${queueName}`,
      logGroup: `arn:aws:logs:${region}:${account}:log-group:${logGroupName}:*`,
    }),
  };
}
