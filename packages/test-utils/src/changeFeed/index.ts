export { startChangeFeed } from './changeFeed';
export type {
  ChangeFeed,
  ChangeFeedOptions,
  ChangeFeedStats,
} from './changeFeed';
export { createEventSourceMapping } from './eventSourceMapping';
export type {
  EventSourceMapping,
  EventSourceMappingOptions,
  EventSourceMappingStats,
  OnFailureRecord,
  StreamBatchHandler,
  StreamBatchResponse,
} from './eventSourceMapping';
export { canonicalNumber } from './streamRecords';
export type {
  ChangeRecord,
  ItemChange,
  KeySchema,
  StreamViewType,
  WireAttributeValue,
  WireImage,
} from './streamRecords';
