import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentFiles } from './cli';
import {
  backendReadPolicy,
  engineWritePolicy,
  ordersTableTemplate,
  streamProjectorPolicy,
} from './deploy';
import { ordersTableCreateInput } from './table';

/** Every file of deploy/ and what renders it. */
const rendered = {
  ...deploymentFiles(),
  'stream-projector-policy.json': streamProjectorPolicy(),
};

describe('deployment files', () => {
  it.each(Object.entries(rendered))(
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

  it('declares the table with the keys and indexes of its definition, on-demand billing and TTL on ttl', () => {
    const table =
      ordersTableTemplate().Resources.WorkflowOrdersTable.Properties;
    const definition = ordersTableCreateInput();

    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: 'ttl',
      Enabled: true,
    });
    expect(table.GlobalSecondaryIndexes.map(i => i.IndexName)).toEqual([
      'id-index',
      'latest-orders-index',
    ]);
    // What the indexes hold is the table definition's test; here, that the template has them as is.
    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect(table.AttributeDefinitions).toEqual(definition.AttributeDefinitions);
    expect(table.GlobalSecondaryIndexes).toEqual(
      definition.GlobalSecondaryIndexes,
    );
  });

  it('gives the table a stream of new item images, for the stream projector', () => {
    const template = ordersTableTemplate();

    expect(
      template.Resources.WorkflowOrdersTable.Properties.StreamSpecification,
    ).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(template.Outputs.TableStreamArn.Value).toEqual({
      'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'],
    });
  });

  it('deploys the stream projector only when the S3 location of its code is given', () => {
    const template = ordersTableTemplate();
    const projector = Object.entries(template.Resources).filter(([name]) =>
      name.startsWith('StreamProjector'),
    );

    expect(projector.map(([, resource]) => resource.Type).sort()).toEqual([
      'AWS::IAM::Role',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Lambda::Function',
      'AWS::Logs::LogGroup',
      'AWS::SQS::Queue',
    ]);
    for (const [, resource] of projector) {
      expect(resource).toMatchObject({ Condition: 'DeployStreamProjector' });
    }
    expect(template.Conditions.DeployStreamProjector).toEqual({
      'Fn::Not': [
        { 'Fn::Equals': [{ Ref: 'StreamProjectorCodeS3Bucket' }, ''] },
      ],
    });
    expect(template.Parameters.StreamProjectorCodeS3Bucket.Default).toBe('');
  });

  it('runs the projector on Node 22 or 24 with its code from S3 and the table name in WORKFLOW_ORDERS_TABLE', () => {
    const { Properties: fn } =
      ordersTableTemplate().Resources.StreamProjectorFunction;
    const { StreamProjectorRuntime: runtime } =
      ordersTableTemplate().Parameters;

    expect(runtime.AllowedValues).toEqual(['nodejs24.x', 'nodejs22.x']);
    expect(fn.Runtime).toEqual({ Ref: 'StreamProjectorRuntime' });
    expect(fn.Handler).toBe('index.handler');
    expect(fn.Code).toEqual({
      S3Bucket: { Ref: 'StreamProjectorCodeS3Bucket' },
      S3Key: { Ref: 'StreamProjectorCodeS3Key' },
    });
    expect(fn.Environment.Variables).toEqual({
      WORKFLOW_ORDERS_TABLE: { Ref: 'WorkflowOrdersTable' },
    });
    expect(fn.Role).toEqual({ 'Fn::GetAtt': ['StreamProjectorRole', 'Arn'] });
  });

  it('maps the stream to the projector with partial batch failures, bisection, bounded retries and an on-failure queue', () => {
    const { Resources } = ordersTableTemplate();
    const mapping = Resources.StreamProjectorEventSourceMapping.Properties;

    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'] },
      FunctionName: { Ref: 'StreamProjectorFunction' },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::GetAtt': ['StreamProjectorFailureQueue', 'Arn'],
          },
        },
      },
    });
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { Keys: { placed_at: { N: [{ 'anything-but': ['0'] }] } } },
    });
    expect(Resources.StreamProjectorFailureQueue.Type).toBe('AWS::SQS::Queue');
  });

  it("gives the projector's role the statements of its policy, over the template's own resources", () => {
    const role = ordersTableTemplate().Resources.StreamProjectorRole.Properties;
    const [policy] = role.Policies;

    expect(role.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'lambda.amazonaws.com',
    });
    expect(
      policy.PolicyDocument.Statement.map(statement => statement.Resource),
    ).toEqual([
      { 'Fn::GetAtt': ['WorkflowOrdersTable', 'StreamArn'] },
      { 'Fn::GetAtt': ['WorkflowOrdersTable', 'Arn'] },
      { 'Fn::GetAtt': ['StreamProjectorFailureQueue', 'Arn'] },
      { 'Fn::GetAtt': ['StreamProjectorLogGroup', 'Arn'] },
    ]);
    expect(
      policy.PolicyDocument.Statement.map(({ Resource: _, ...rest }) => rest),
    ).toEqual(
      streamProjectorPolicy().Statement.map(({ Resource: _, ...rest }) => rest),
    );
  });

  it('lets the projector read the stream, update latest-order attributes, send failures and log, and nothing else', () => {
    const [stream, update, queue, logs] = streamProjectorPolicy({
      region: 'eu-west-1',
      account: '123456789012',
    }).Statement;

    expect(stream).toMatchObject({
      Action: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ],
      Resource:
        'arn:aws:dynamodb:eu-west-1:123456789012:table/workflow_orders/stream/*',
    });
    expect(update).toEqual({
      Sid: 'AdvanceLatestOrderItems',
      Effect: 'Allow',
      Action: ['dynamodb:UpdateItem'],
      Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/workflow_orders',
      Condition: {
        'ForAllValues:StringEquals': {
          'dynamodb:Attributes': [
            'workflow_id',
            'placed_at',
            'last_order',
            'last_placed_at',
            'ttl',
            'latest_orders_shard',
          ],
        },
        StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
      },
    });
    expect(queue).toMatchObject({
      Action: ['sqs:SendMessage'],
      Resource:
        'arn:aws:sqs:eu-west-1:123456789012:workflow_orders-stream-projector-failures',
    });
    expect(logs).toMatchObject({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource:
        'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/workflow_orders-stream-projector:*',
    });
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

  it('lets the backend read the table and its indexes and nothing else', () => {
    const [statement] = backendReadPolicy({ tableName: 'orders' }).Statement;

    expect(statement.Action).toEqual([
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:DescribeTable',
    ]);
    expect(statement.Resource).toEqual([
      'arn:aws:dynamodb:*:*:table/orders',
      'arn:aws:dynamodb:*:*:table/orders/index/*',
    ]);
  });
});
