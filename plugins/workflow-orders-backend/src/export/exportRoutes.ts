import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  historyExportQuerySchema,
  latestOrdersExportQuerySchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { Request, Router } from 'express';
import type { OrderReads, ReadContext } from '../service/OrderReads';
import { parseInput } from '../service/validation';
import { HISTORY_COLUMNS, LATEST_ORDER_COLUMNS } from './csv';
import { historyPages, latestOrderPages } from './orderExports';
import { streamCsv } from './streamCsv';

/** Rows one export writes at most, unless `workflowOrders.export.maxRows` says otherwise. */
export const DEFAULT_EXPORT_MAX_ROWS = 100_000;

/** The UTC date of now, as export file names carry it. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Adds the CSV exports to `router`: `GET /workflows/:workflowId/orders.csv` and
 * `GET /latest-orders.csv`, with the query of their JSON routes but `limit` and `cursor`. Each
 * reads every page through `reads`, so with the JSON routes' access decisions, their 404 for a
 * hidden workflow and an audit event per page read.
 */
export function addExportRoutes(
  router: Router,
  options: { httpAuth: HttpAuthService; reads: OrderReads; maxRows: number },
) {
  const { httpAuth, reads, maxRows } = options;
  const contextOf = async (req: Request): Promise<ReadContext> => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
    via: 'http',
  });

  router.get('/workflows/:workflowId/orders.csv', async (req, res) => {
    const context = await contextOf(req);
    const { workflowId } = parseInput(
      workflowParamsSchema,
      req.params,
      'path parameter',
    );
    const query = parseInput(
      historyExportQuerySchema,
      req.query,
      'query parameter',
    );
    await streamCsv({
      res,
      pages: historyPages(reads, { workflowId, query }, context),
      columns: HISTORY_COLUMNS,
      filename: `${workflowId}-orders-${today()}.csv`,
      maxRows,
    });
  });

  router.get('/latest-orders.csv', async (req, res) => {
    const context = await contextOf(req);
    const query = parseInput(
      latestOrdersExportQuerySchema,
      req.query,
      'query parameter',
    );
    await streamCsv({
      res,
      pages: latestOrderPages(reads, query, context),
      columns: LATEST_ORDER_COLUMNS,
      filename: `latest-orders-${today()}.csv`,
      maxRows,
    });
  });
}
