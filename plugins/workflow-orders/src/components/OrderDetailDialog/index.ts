export { OrderDetailDialog } from './OrderDetailDialog';
export type { OrderDetailDialogProps } from './OrderDetailDialog';
export { OrderLinkDialog } from './OrderLinkDialog';
export type { OrderLinkDialogProps } from './OrderLinkDialog';
