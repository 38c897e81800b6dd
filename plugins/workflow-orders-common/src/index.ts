/**
 * The API contract of the workflow-orders plugins, shared by the frontend, the backend and the table
 * tooling: constants, the order vocabulary and the rules every reader applies (filters, the row order
 * and trust of latest orders), the API's zod schemas and the permissions.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './schema/fields';
export * from './orders/filters';
export * from './orders/latestOrders';
export * from './schema/api';
export * from './schema/requests';
export * from './permissions';
