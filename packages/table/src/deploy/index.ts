/*
 * The deployment of the orders table: its CloudFormation template (the table, and the stream
 * projector when its code is given) and the IAM policies of its readers and writers, all made from
 * the table's definition.
 */
export { ordersTableTemplate } from './template';
export type { OrdersTableResources, OrdersTableTemplate } from './template';
export {
  backendReadPolicy,
  engineWritePolicy,
  streamProjectorPolicy,
} from './policies';
export type { IamPolicyDocument, IamStatement, PolicyScope } from './policies';
export type {
  CfnGetAtt,
  CfnNotEmpty,
  CfnOutput,
  CfnParameter,
  CfnRef,
  CfnResource,
  CfnSub,
} from './cloudFormation';
export type {
  DynamoDbAttributeDefinition,
  DynamoDbGlobalSecondaryIndex,
  DynamoDbKeySchemaElement,
  DynamoDbTableProperties,
  DynamoDbTableResource,
} from './table';
export type {
  EventSourceMappingProperties,
  IamRoleProperties,
  IamTrustStatement,
  LambdaFunctionProperties,
  LogGroupProperties,
  SqsQueueProperties,
  StreamProjectorResources,
} from './projector';
