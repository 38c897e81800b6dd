import type { OrdersTableTemplate } from './template';

/** `{ "Ref": name }`: the value of a template's parameter, or the name of one of its resources. @public */
export type CfnRef = {
  Ref: string;
};

/** `{ "Fn::GetAtt": [resource, attribute] }`: an attribute of one of a template's resources. @public */
export type CfnGetAtt = {
  'Fn::GetAtt': [string, string];
};

/** `{ "Fn::Sub": text }`: a text with the template's `${Parameter}` values put in. @public */
export type CfnSub = {
  'Fn::Sub': string;
};

/** A resource of a template: its type, its properties, and when it is made and kept. @public */
export type CfnResource<TType extends string, TProperties> = {
  Type: TType;
  /** The template's condition that makes the resource; without one it is always made. */
  Condition?: string;
  DeletionPolicy?: 'Retain' | 'Delete' | 'Snapshot';
  UpdateReplacePolicy?: 'Retain' | 'Delete' | 'Snapshot';
  Properties: TProperties;
};

/** A string parameter of a template. @public */
export type CfnParameter = {
  Type: 'String';
  Default: string;
  AllowedValues?: string[];
  Description: string;
};

/** An output of a template, made when its condition holds. @public */
export type CfnOutput = {
  Condition?: string;
  Value: CfnRef | CfnGetAtt;
};

/** A condition that holds when a parameter is not empty. @public */
export type CfnNotEmpty = {
  'Fn::Not': [{ 'Fn::Equals': [CfnRef, ''] }];
};

/** A resource of the orders table's template. */
export type ResourceName = keyof OrdersTableTemplate['Resources'];

/** A parameter of the orders table's template. */
export type ParameterName = keyof OrdersTableTemplate['Parameters'];

/** A condition of the orders table's template. */
export type ConditionName = keyof OrdersTableTemplate['Conditions'];

/** The value of a parameter, or the name of a resource, of the orders table's template. */
export const ref = (name: ResourceName | ParameterName): CfnRef => ({
  Ref: name,
});

/** The ARN of a resource, or the stream ARN of the table, of the orders table's template. */
export const getAtt = (
  resource: ResourceName,
  attribute: 'Arn' | 'StreamArn',
): CfnGetAtt => ({ 'Fn::GetAtt': [resource, attribute] });

/** `text` of the value of parameter `name`, e.g. `${TableName}-stream-projector` in the template. */
export const sub = (
  name: ParameterName,
  text: (value: string) => string,
): CfnSub => ({ 'Fn::Sub': text(`\${${name}}`) });

/** The condition that holds when parameter `name` is not empty. */
export const notEmpty = (name: ParameterName): CfnNotEmpty => ({
  'Fn::Not': [{ 'Fn::Equals': [ref(name), ''] }],
});
