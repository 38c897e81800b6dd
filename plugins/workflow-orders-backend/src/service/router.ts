import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  historyQuerySchema,
  latestOrdersQuerySchema,
  noQuerySchema,
  orderParamsSchema,
  summariesBodySchema,
  workflowParamsSchema,
  type HealthResponse,
  type LatestOrdersResponse,
  type SummariesResponse,
  type WorkflowActivity,
  type WorkflowOrderHistoryResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { OrderStore } from '../database/OrderStore';
import { historyScopeOf, latestScopeOf, type CursorCodec } from './cursor';
import type { OrderReads, ReadContext } from './OrderReads';
import { toDetail, toLatestItem, toListItem, toSummary } from './responses';
import { parseInput } from './validation';

/** Days the activity chart of the Last order card covers. */
export const ACTIVITY_DAYS = 7;

/** Dependencies of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Only for `/health`; every read of orders goes through `reads`. */
  store: OrderStore;
  reads: OrderReads;
  cursors: CursorCodec;
}

/**
 * The HTTP API of the workflow-orders plugin, mounted at `/api/workflow-orders`. A workflow the
 * caller may not see is answered like one that does not exist: 404, a null summary, or no row of
 * the latest orders.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, reads, cursors } = options;
  const router = Router();
  // 500 workflow ids take about 20 kB; anything far larger is not a request this API serves.
  router.use(express.json({ limit: '64kb' }));

  const contextOf = async (req: Request): Promise<ReadContext> => ({
    credentials: await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    }),
    request: req,
    via: 'http',
  });

  router.get('/health', async (_req, res) => {
    const dynamodb = await store.checkHealth();
    const body: HealthResponse = {
      status: dynamodb.reachable ? 'ok' : 'unavailable',
      dynamodb,
    };
    res.status(dynamodb.reachable ? 200 : 503).json(body);
  });

  router.get('/workflows/:workflowId/orders', async (req, res) => {
    const context = await contextOf(req);
    const { workflowId } = parseInput(
      workflowParamsSchema,
      req.params,
      'path parameter',
    );
    const query = parseInput(historyQuerySchema, req.query, 'query parameter');
    const { limit, cursor, sort, direction, code } = query;
    const scope = historyScopeOf(query);
    const after = cursor
      ? cursors.decode(cursor, workflowId, scope)
      : undefined;

    const page = await reads.history(
      {
        workflowId,
        limit,
        afterPlacedAt: after?.placedAt,
        sort,
        direction,
        code,
        // A later page answers the count of the first, which its cursor carries, signed.
        ...(after?.totalCount === undefined
          ? {}
          : {
              knownCount: {
                totalCount: after.totalCount,
                exact: after.totalCountExact !== false,
              },
            }),
      },
      context,
    );
    const exact = page.totalCountExact !== false;
    const body: WorkflowOrderHistoryResponse = {
      workflow_id: workflowId,
      orders: page.orders.map(toListItem),
      total_count: page.totalCount,
      total_count_exact: exact,
      limit,
      next_cursor:
        page.nextPlacedAt === undefined
          ? null
          : cursors.encode(
              {
                workflowId,
                placedAt: page.nextPlacedAt,
                totalCount: page.totalCount,
                totalCountExact: exact,
              },
              scope,
            ),
    };
    res.json(body);
  });

  router.get('/latest-orders', async (req, res) => {
    const context = await contextOf(req);
    const query = parseInput(
      latestOrdersQuerySchema,
      req.query,
      'query parameter',
    );
    const { limit, cursor, direction, code, workflow_ids: workflowIds } = query;
    const scope = latestScopeOf(query);
    const after = cursor ? cursors.decodeLatest(cursor, scope) : undefined;

    const page = await reads.latestOrders(
      { limit, after, direction, code, workflowIds },
      context,
    );
    const body: LatestOrdersResponse = {
      orders: page.orders.map(toLatestItem),
      limit,
      next_cursor: page.next ? cursors.encodeLatest(page.next, scope) : null,
    };
    res.json(body);
  });

  router.get('/workflows/:workflowId/activity', async (req, res) => {
    const context = await contextOf(req);
    const { workflowId } = parseInput(
      workflowParamsSchema,
      req.params,
      'path parameter',
    );
    parseInput(noQuerySchema, req.query, 'query parameter');

    const activity = await reads.activity(
      { workflowId, days: ACTIVITY_DAYS },
      context,
    );
    const body: WorkflowActivity = {
      workflow_id: workflowId,
      total_count: activity.totalCount,
      last_order: activity.lastOrder ? toListItem(activity.lastOrder) : null,
      daily_counts: activity.dailyCounts,
    };
    res.json(body);
  });

  router.get('/orders/:orderId', async (req, res) => {
    const context = await contextOf(req);
    const { orderId } = parseInput(
      orderParamsSchema,
      req.params,
      'path parameter',
    );
    parseInput(noQuerySchema, req.query, 'query parameter');

    res.json(toDetail(await reads.order({ orderId }, context)));
  });

  router.post('/summaries', async (req, res) => {
    const context = await contextOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { workflow_ids: workflowIds } = parseInput(
      summariesBodySchema,
      req.body,
      'field',
    );

    const lastOrders = await reads.lastOrders({ workflowIds }, context);
    const body: SummariesResponse = {
      summaries: workflowIds.map((id, index) => {
        const last = lastOrders[index];
        return last === null ? null : toSummary(id, last);
      }),
    };
    res.json(body);
  });

  return router;
}
