export { RelativeTime, ExactTime } from './RelativeTime';
export type { RelativeTimeProps } from './RelativeTime';
export { HoverDetails } from './HoverDetails';
export { CodeFilter } from './CodeFilter';
export { DirectionTag } from './DirectionTag';
export { LastUpdated } from './LastUpdated';
export { ErrorWithRetry } from './ErrorWithRetry';
export { NoOrdersPermission } from './NoOrdersPermission';
export { Loading } from './Loading';
export { EmptyMessage } from './EmptyMessage';
export { orderColumns, whenColumn } from './orderColumns';
export {
  UNKNOWN,
  describeError,
  formatCount,
  formatField,
  formatOrderLine,
  formatNumber,
  formatExactTime,
  formatLocalTime,
  formatUtcTime,
  formatRelativeTime,
  pluralOrders,
} from './format';
export type { RelativeTimeStyle } from './format';
export {
  codeFromParam,
  directionFromParam,
  directionToParam,
} from './filterParams';
