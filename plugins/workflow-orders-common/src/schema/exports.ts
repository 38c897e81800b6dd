import type { z } from 'zod';
import { historyQuerySchema, latestOrdersQuerySchema } from './requests';

/**
 * Query of a workflow's history as CSV (`GET /workflows/:workflowId/orders.csv`): the sort and
 * filters of {@link historyQuerySchema}, without `limit` and `cursor`, since the export holds every
 * page.
 *
 * @public
 */
export const historyExportQuerySchema = historyQuerySchema.omit({
  limit: true,
  cursor: true,
});

/** Query of a history export, as parsed. @public */
export type HistoryExportQuery = z.output<typeof historyExportQuerySchema>;

/**
 * Query of the Workflow orders page as CSV (`GET /latest-orders.csv`): the filters of
 * {@link latestOrdersQuerySchema}, without `limit` and `cursor`.
 *
 * @public
 */
export const latestOrdersExportQuerySchema = latestOrdersQuerySchema.omit({
  limit: true,
  cursor: true,
});

/** Query of a latest-orders export, as parsed. @public */
export type LatestOrdersExportQuery = z.output<
  typeof latestOrdersExportQuerySchema
>;

/** Header of an export's response: the most rows the backend writes into one CSV. @public */
export const EXPORT_ROW_LIMIT_HEADER = 'X-Workflow-Orders-Row-Limit';

/**
 * Trailer of an export's response, `true` when more rows matched than the row limit let it write.
 *
 * @public
 */
export const EXPORT_TRUNCATED_TRAILER = 'X-Workflow-Orders-Truncated';
