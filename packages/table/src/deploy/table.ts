import { ordersTable, ordersTableCreateInput } from '../table';
import { ref, type CfnRef, type CfnResource } from './cloudFormation';

/** An attribute that a key of the table or of an index names, with its type. @public */
export type DynamoDbAttributeDefinition = {
  AttributeName: string;
  AttributeType: 'S' | 'N' | 'B';
};

/** One key of the table or of an index: the partition key (`HASH`) or the sort key (`RANGE`). @public */
export type DynamoDbKeySchemaElement = {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
};

/** A global secondary index: its name, keys and the attributes it copies. @public */
export type DynamoDbGlobalSecondaryIndex = {
  IndexName: string;
  KeySchema: DynamoDbKeySchemaElement[];
  Projection: {
    ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
    NonKeyAttributes?: string[];
  };
};

/** The properties of an `AWS::DynamoDB::Table` that the orders table's template sets. @public */
export type DynamoDbTableProperties = {
  TableName: CfnRef;
  BillingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  AttributeDefinitions: DynamoDbAttributeDefinition[];
  KeySchema: DynamoDbKeySchemaElement[];
  GlobalSecondaryIndexes: DynamoDbGlobalSecondaryIndex[];
  TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
  StreamSpecification: {
    StreamViewType:
      'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  };
  DeletionProtectionEnabled: boolean;
  SSESpecification: { SSEEnabled: boolean };
};

/** An `AWS::DynamoDB::Table` resource. @public */
export type DynamoDbTableResource = CfnResource<
  'AWS::DynamoDB::Table',
  DynamoDbTableProperties
>;

/**
 * The orders table as a resource of the template: the keys, indexes, billing and stream of its
 * CreateTable request, TTL on its TTL attribute, kept when the stack is deleted or replaced.
 */
export function ordersTableResource(): DynamoDbTableResource {
  const input = ordersTableCreateInput();
  return {
    Type: 'AWS::DynamoDB::Table',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: ref('TableName'),
      BillingMode: input.BillingMode,
      AttributeDefinitions: input.AttributeDefinitions,
      KeySchema: input.KeySchema,
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes,
      TimeToLiveSpecification: {
        AttributeName: ordersTable.ttlAttribute,
        Enabled: true,
      },
      StreamSpecification: {
        StreamViewType: input.StreamSpecification.StreamViewType,
      },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    },
  };
}
