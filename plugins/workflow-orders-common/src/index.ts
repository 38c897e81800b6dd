/**
 * Shared order model, API schemas, table definition and permissions of the workflow-orders plugins.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './schema/order';
export * from './schema/api';
export * from './permissions';
export * from './table';
