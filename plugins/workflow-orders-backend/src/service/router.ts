import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  historyQuerySchema,
  noQuerySchema,
  orderParamsSchema,
  summariesBodySchema,
  workflowOrdersReadPermission,
  workflowParamsSchema,
  type HealthResponse,
  type SummariesResponse,
  type WorkflowActivity,
  type WorkflowOrderHistoryResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { OrderStore } from '../database/OrderStore';
import type { CursorCodec } from './cursor';
import { toDetail, toListItem, toSummary } from './responses';
import { parseInput } from './validation';

/** Days the activity chart of the Last order card covers. */
const ACTIVITY_DAYS = 7;

/** Dependencies of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: OrderStore;
  cursors: CursorCodec;
}

/** The HTTP API of the workflow-orders plugin, mounted at `/api/workflow-orders`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store, cursors } = options;
  const router = Router();
  // 500 workflow ids take about 20 kB; anything far larger is not a request this API serves.
  router.use(express.json({ limit: '64kb' }));

  const authorize = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: workflowOrdersReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading workflow orders needs the ${workflowOrdersReadPermission.name} permission`,
      );
    }
  };

  router.get('/health', async (_req, res) => {
    const dynamodb = await store.checkHealth();
    const body: HealthResponse = {
      status: dynamodb.reachable ? 'ok' : 'unavailable',
      dynamodb,
    };
    res.status(dynamodb.reachable ? 200 : 503).json(body);
  });

  router.get('/workflows/:workflowId/orders', async (req, res) => {
    await authorize(req);
    const { workflowId } = parseInput(
      workflowParamsSchema,
      req.params,
      'path parameter',
    );
    const { limit, cursor } = parseInput(
      historyQuerySchema,
      req.query,
      'query parameter',
    );
    const after = cursor ? cursors.decode(cursor, workflowId) : undefined;

    const page = await store.getHistory({
      workflowId,
      limit,
      afterPlacedAt: after?.placedAt,
    });
    const body: WorkflowOrderHistoryResponse = {
      workflow_id: workflowId,
      orders: page.orders.map(toListItem),
      total_count: page.totalCount,
      limit,
      next_cursor:
        page.nextPlacedAt === undefined
          ? null
          : cursors.encode({ workflowId, placedAt: page.nextPlacedAt }),
    };
    res.json(body);
  });

  router.get('/workflows/:workflowId/activity', async (req, res) => {
    await authorize(req);
    const { workflowId } = parseInput(
      workflowParamsSchema,
      req.params,
      'path parameter',
    );
    parseInput(noQuerySchema, req.query, 'query parameter');

    const activity = await store.getActivity({
      workflowId,
      days: ACTIVITY_DAYS,
    });
    const body: WorkflowActivity = {
      workflow_id: workflowId,
      total_count: activity.totalCount,
      last_order: activity.lastOrder ? toListItem(activity.lastOrder) : null,
      daily_counts: activity.dailyCounts,
    };
    res.json(body);
  });

  router.get('/orders/:orderId', async (req, res) => {
    await authorize(req);
    const { orderId } = parseInput(
      orderParamsSchema,
      req.params,
      'path parameter',
    );
    parseInput(noQuerySchema, req.query, 'query parameter');

    const order = await store.getOrder({ orderId });
    if (!order) {
      throw new NotFoundError(
        `No order ${orderId}: it does not exist or expired after 7 days`,
      );
    }
    res.json(toDetail(order));
  });

  router.post('/summaries', async (req, res) => {
    await authorize(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { workflow_ids: workflowIds } = parseInput(
      summariesBodySchema,
      req.body,
      'field',
    );

    const lastOrders = await store.getLastOrders({ workflowIds });
    const body: SummariesResponse = {
      summaries: workflowIds.map((id, index) =>
        toSummary(id, lastOrders[index]),
      ),
    };
    res.json(body);
  });

  return router;
}
