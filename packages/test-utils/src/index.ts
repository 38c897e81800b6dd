/**
 * Test infrastructure of the workflow-orders packages: the test table of a test file
 * (`useTestTable`), on an embedded DynamoDB (dynalite or AWS DynamoDB Local), a fault-injecting
 * proxy in front of it, a change feed that gives dynalite a stream and delivers it as Lambda does,
 * a reader of DynamoDB Local's real stream, the sample order, the AWS CLI as a writer, and the
 * report of the benchmarks.
 *
 * @packageDocumentation
 */

export * from './testTable';
export * from './testLogger';
export * from './embedded';
export * from './faultProxy';
export * from './anOrder';
export * from './awsCli';
export * from './changeFeed';
export * from './tableStream';
export * from './benchReport';
export * from './dynamoDbProcess';
export * from './staticServer';
