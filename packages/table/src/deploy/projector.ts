import { ordersTable } from '../table';
import {
  getAtt,
  ref,
  sub,
  type CfnGetAtt,
  type CfnRef,
  type CfnResource,
  type CfnSub,
  type ConditionName,
} from './cloudFormation';
import {
  streamProjectorNames,
  streamProjectorStatements,
  type IamPolicyDocument,
} from './policies';

/** The properties of an `AWS::SQS::Queue` that the template sets. @public */
export type SqsQueueProperties = {
  QueueName: CfnSub;
  MessageRetentionPeriod: number;
  SqsManagedSseEnabled: boolean;
};

/** The properties of an `AWS::Logs::LogGroup` that the template sets. @public */
export type LogGroupProperties = {
  LogGroupName: CfnSub;
  RetentionInDays: number;
};

/** A statement of a role's trust policy: who may assume the role. @public */
export type IamTrustStatement = {
  Effect: 'Allow';
  Principal: { Service: string };
  Action: 'sts:AssumeRole';
};

/** The properties of an `AWS::IAM::Role` that the template sets: its trust and its inline policies. @public */
export type IamRoleProperties = {
  AssumeRolePolicyDocument: {
    Version: '2012-10-17';
    Statement: IamTrustStatement[];
  };
  Policies: Array<{
    PolicyName: string;
    PolicyDocument: IamPolicyDocument<CfnGetAtt>;
  }>;
};

/** The properties of an `AWS::Lambda::Function` that the template sets, its code in S3. @public */
export type LambdaFunctionProperties = {
  FunctionName: CfnSub;
  Description: string;
  Runtime: CfnRef;
  Handler: string;
  Code: { S3Bucket: CfnRef; S3Key: CfnRef };
  Role: CfnGetAtt;
  MemorySize: number;
  Timeout: number;
  Environment: { Variables: Record<string, CfnRef> };
  LoggingConfig: { LogFormat: 'JSON' | 'Text'; LogGroup: CfnRef };
};

/** The properties of an `AWS::Lambda::EventSourceMapping` of a stream that the template sets. @public */
export type EventSourceMappingProperties = {
  EventSourceArn: CfnGetAtt;
  FunctionName: CfnRef;
  StartingPosition: 'TRIM_HORIZON' | 'LATEST';
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: Array<'ReportBatchItemFailures'>;
  BisectBatchOnFunctionError: boolean;
  MaximumRetryAttempts: number;
  MaximumRecordAgeInSeconds: number;
  /** Each filter's `Pattern` is an EventBridge pattern, as JSON. */
  FilterCriteria: { Filters: Array<{ Pattern: string }> };
  DestinationConfig: { OnFailure: { Destination: CfnGetAtt } };
};

/** The stream projector's resources in the template, each made only when its code is given. @public */
export type StreamProjectorResources = {
  StreamProjectorFailureQueue: CfnResource<
    'AWS::SQS::Queue',
    SqsQueueProperties
  >;
  StreamProjectorLogGroup: CfnResource<
    'AWS::Logs::LogGroup',
    LogGroupProperties
  >;
  StreamProjectorRole: CfnResource<'AWS::IAM::Role', IamRoleProperties>;
  StreamProjectorFunction: CfnResource<
    'AWS::Lambda::Function',
    LambdaFunctionProperties
  >;
  StreamProjectorEventSourceMapping: CfnResource<
    'AWS::Lambda::EventSourceMapping',
    EventSourceMappingProperties
  >;
};

/** The template's condition of every projector resource: the S3 bucket of its code is given. */
export const DEPLOY_STREAM_PROJECTOR: ConditionName = 'DeployStreamProjector';

/** `${TableName}-stream-projector` and the like, in the template's own substitution syntax. */
const named = (name: keyof ReturnType<typeof streamProjectorNames>): CfnSub =>
  sub('TableName', table => streamProjectorNames(table)[name]);

/** Orders only: removals, guard items and latest-order items (the projector's own writes) never match. */
function ordersOnlyPattern(): string {
  return JSON.stringify({
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: {
      Keys: {
        [ordersTable.sortKey]: {
          N: [{ 'anything-but': [String(ordersTable.latest.sortKey)] }],
        },
      },
    },
  });
}

/** The stream projector's resources in the template, made only when its code is given. */
export function streamProjectorResources(): StreamProjectorResources {
  const Condition = DEPLOY_STREAM_PROJECTOR;
  return {
    StreamProjectorFailureQueue: {
      Type: 'AWS::SQS::Queue',
      Condition,
      Properties: {
        QueueName: named('queueName'),
        // Lambda sends the failed batch's shard and sequence numbers; 14 days to look at them.
        MessageRetentionPeriod: 1_209_600,
        SqsManagedSseEnabled: true,
      },
    },
    StreamProjectorLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Condition,
      Properties: {
        LogGroupName: named('logGroupName'),
        RetentionInDays: 30,
      },
    },
    StreamProjectorRole: {
      Type: 'AWS::IAM::Role',
      Condition,
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
                table: getAtt('WorkflowOrdersTable', 'Arn'),
                stream: getAtt('WorkflowOrdersTable', 'StreamArn'),
                queue: getAtt('StreamProjectorFailureQueue', 'Arn'),
                logGroup: getAtt('StreamProjectorLogGroup', 'Arn'),
              }),
            },
          },
        ],
      },
    },
    StreamProjectorFunction: {
      Type: 'AWS::Lambda::Function',
      Condition,
      Properties: {
        FunctionName: named('functionName'),
        Description:
          "workflow-orders: keeps each workflow's latest-order item current from the orders table's stream",
        Runtime: ref('StreamProjectorRuntime'),
        Handler: 'index.handler',
        Code: {
          S3Bucket: ref('StreamProjectorCodeS3Bucket'),
          S3Key: ref('StreamProjectorCodeS3Key'),
        },
        Role: getAtt('StreamProjectorRole', 'Arn'),
        MemorySize: 256,
        Timeout: 60,
        Environment: {
          Variables: { WORKFLOW_ORDERS_TABLE: ref('WorkflowOrdersTable') },
        },
        LoggingConfig: {
          LogFormat: 'JSON',
          LogGroup: ref('StreamProjectorLogGroup'),
        },
      },
    },
    StreamProjectorEventSourceMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Condition,
      Properties: {
        EventSourceArn: getAtt('WorkflowOrdersTable', 'StreamArn'),
        FunctionName: ref('StreamProjectorFunction'),
        // From the oldest record the stream keeps (24 hours), so nothing written before is lost.
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 86_400,
        FilterCriteria: { Filters: [{ Pattern: ordersOnlyPattern() }] },
        DestinationConfig: {
          OnFailure: {
            Destination: getAtt('StreamProjectorFailureQueue', 'Arn'),
          },
        },
      },
    },
  };
}
