export { createLastOrderColumn } from './createLastOrderColumn';
export type { LastOrderColumnOptions } from './createLastOrderColumn';
