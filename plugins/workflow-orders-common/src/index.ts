/**
 * The API contract of the workflow-orders plugins, shared by the frontend and the backend: constants,
 * the API's zod schemas and the permissions, and the order vocabulary of
 * `@workflow-orders/order-vocabulary` (directions, types, id rules, filters, the rules of latest
 * orders), re-exported.
 *
 * @packageDocumentation
 */

export * from '@workflow-orders/order-vocabulary';
export * from './constants';
export * from './schema/api';
export * from './schema/requests';
export * from './permissions';
export * from './schema/live';
export * from './schema/exports';
