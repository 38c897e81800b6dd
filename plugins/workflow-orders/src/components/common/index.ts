export { RelativeTime } from './RelativeTime';
export { DirectionChip } from './DirectionChip';
export { LastUpdated } from './LastUpdated';
export { ErrorWithRetry } from './ErrorWithRetry';
export {
  UNKNOWN,
  formatField,
  formatOrderLine,
  formatNumber,
  formatExactTime,
  formatRelativeTime,
  pluralOrders,
} from './format';
