/**
 * Test infrastructure of the workflow-orders packages: an embedded DynamoDB (dynalite or AWS
 * DynamoDB Local), a fault-injecting proxy in front of it, and the sample order.
 *
 * @packageDocumentation
 */

export * from './embedded';
export * from './faultProxy';
export * from './anOrder';
