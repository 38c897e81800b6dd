/**
 * Test infrastructure of the workflow-orders packages: an embedded DynamoDB (dynalite or AWS
 * DynamoDB Local), a fault-injecting proxy in front of it, a change feed that gives dynalite a
 * stream and delivers it as Lambda does, the sample order, the AWS CLI as a writer, and the
 * report of the benchmarks.
 *
 * @packageDocumentation
 */

export * from './embedded';
export * from './faultProxy';
export * from './anOrder';
export * from './awsCli';
export * from './changeFeed';
export * from './benchReport';
export * from './dynamoDbProcess';
