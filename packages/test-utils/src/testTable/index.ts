export { useTestTable } from './useTestTable';
export * from './types';
