export { RelativeTime } from './RelativeTime';
export { DirectionChip } from './DirectionChip';
export { LastUpdated } from './LastUpdated';
export { ErrorWithRetry } from './ErrorWithRetry';
export {
  formatNumber,
  formatExactTime,
  formatRelativeTime,
  pluralOrders,
} from './format';
