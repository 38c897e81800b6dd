import { ordersTable } from '../table';
import {
  getAtt,
  notEmpty,
  ref,
  type CfnNotEmpty,
  type CfnOutput,
  type CfnParameter,
} from './cloudFormation';
import {
  DEPLOY_STREAM_PROJECTOR,
  streamProjectorResources,
  type StreamProjectorResources,
} from './projector';
import { ordersTableResource, type DynamoDbTableResource } from './table';

/** The resources of the orders table's template: the table, and the stream projector's. @public */
export type OrdersTableResources = StreamProjectorResources & {
  WorkflowOrdersTable: DynamoDbTableResource;
};

/** The CloudFormation template of the orders table and its stream projector. @public */
export type OrdersTableTemplate = {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: {
    TableName: CfnParameter;
    StreamProjectorCodeS3Bucket: CfnParameter;
    StreamProjectorCodeS3Key: CfnParameter;
    StreamProjectorRuntime: CfnParameter;
  };
  Conditions: { DeployStreamProjector: CfnNotEmpty };
  Resources: OrdersTableResources;
  Outputs: {
    TableName: CfnOutput;
    TableArn: CfnOutput;
    TableStreamArn: CfnOutput;
    StreamProjectorFailureQueueUrl: CfnOutput;
  };
};

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
export function ordersTableTemplate(): OrdersTableTemplate {
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
      DeployStreamProjector: notEmpty('StreamProjectorCodeS3Bucket'),
    },
    Resources: {
      WorkflowOrdersTable: ordersTableResource(),
      ...streamProjectorResources(),
    },
    Outputs: {
      TableName: { Value: ref('WorkflowOrdersTable') },
      TableArn: { Value: getAtt('WorkflowOrdersTable', 'Arn') },
      TableStreamArn: { Value: getAtt('WorkflowOrdersTable', 'StreamArn') },
      StreamProjectorFailureQueueUrl: {
        Condition: DEPLOY_STREAM_PROJECTOR,
        Value: ref('StreamProjectorFailureQueue'),
      },
    },
  };
}
