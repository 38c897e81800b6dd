// The backfill lives in ./backfill; this entry keeps the package's export of it where it was.
export { backfillLatestOrders, BackfillCheckpointError } from './backfill';
export type {
  BackfillLatestOrdersOptions,
  BackfillLatestOrdersResult,
  BackfillProgress,
  BackfillClock,
  BackfillCheckpoint,
} from './backfill';
