/**
 * The API contract of the workflow-orders plugins, shared by the frontend and the backend:
 * constants, the field vocabulary, the API's zod schemas and the permissions.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './schema/fields';
export * from './schema/api';
export * from './schema/requests';
export * from './permissions';
