export { RelativeTime } from './RelativeTime';
export { DirectionChip } from './DirectionChip';
export { LastUpdated } from './LastUpdated';
export { ErrorWithRetry } from './ErrorWithRetry';
export { NoOrdersPermission } from './NoOrdersPermission';
export {
  UNKNOWN,
  formatField,
  formatOrderLine,
  formatNumber,
  formatExactTime,
  formatRelativeTime,
  pluralOrders,
} from './format';
