export { OrderDetailDialog } from './OrderDetailDialog';
