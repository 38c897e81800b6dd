export { OrderDetailDialog } from './OrderDetailDialog';
export type { OrderDetailDialogProps } from './OrderDetailDialog';
