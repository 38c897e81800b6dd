/*
 * What the package's tests share: the mock backend and the answers a test sets up, the mock's
 * workflows and catalog entities, and the render and screen helpers.
 */
export * from '../mocks/answers';
export * from '../mocks/demoWorkflows';
export * from '../mocks/fixtures';
export * from './mockBackend';
export * from './renderWithEntity';
export * from './renderWorkflowOrdersPage';
export * from './screen';
