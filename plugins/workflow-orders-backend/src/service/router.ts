import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  historyQuerySchema,
  latestOrdersQuerySchema,
  noQuerySchema,
  orderParamsSchema,
  summariesBodySchema,
  workflowParamsSchema,
  type HealthResponse,
  type RequestPart,
} from '@workflow-orders/plugin-workflow-orders-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { z } from 'zod';
import type { OrderStore } from '../database/OrderStore';
import type { CursorCodec } from './cursor';
import type { OrderReads, ReadContext } from './OrderReads';
import { createOrderPages } from './orderPages';
import {
  addExportRoutes,
  DEFAULT_EXPORT_MAX_ROWS,
} from '../export/exportRoutes';
import { addLiveRoutes } from '../live/liveRoutes';
import type { LiveChanges } from '../live/liveChanges';
import { parseInput } from './validation';

export { ACTIVITY_DAYS } from './orderPages';

/** Dependencies of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Only for `/health`; every read of orders goes through `reads`. */
  store: OrderStore;
  reads: OrderReads;
  cursors: CursorCodec;
  /** Rows a CSV export writes at most. @default 100000 */
  exportMaxRows?: number;
  /** The live changes of `GET /live/changes`; without them the route is not served. */
  live?: LiveChanges;
}

/** The parts of a request a route reads, each with the schema that validates it. */
type RequestSchemas = {
  params?: z.ZodType;
  query: z.ZodType;
  body?: z.ZodType;
};

/** The validated parts of a request. */
type Parsed<S extends RequestSchemas> = {
  [Part in keyof S]: S[Part] extends z.ZodType ? z.output<S[Part]> : never;
};

/** The parts in the order they are validated, with the name their messages give them. */
const PARTS = [
  ['params', 'path parameter'],
  ['query', 'query parameter'],
  ['body', 'field'],
] as const satisfies ReadonlyArray<
  readonly [keyof RequestSchemas, RequestPart]
>;

/**
 * The HTTP API of the workflow-orders plugin, mounted at `/api/workflow-orders`. A workflow the
 * caller may not see is answered like one that does not exist: 404, a null summary, or no row of
 * the latest orders.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, reads, cursors } = options;
  const pages = createOrderPages({ reads, cursors });
  const router = Router();
  // 500 workflow ids take about 20 kB; anything far larger is not a request this API serves.
  router.use(express.json({ limit: '64kb' }));

  /**
   * Serves a read: the caller's credentials first (401 without), then each part of the request
   * validated (400 naming the first part that is not valid), then the answer as JSON.
   */
  const serve = <S extends RequestSchemas>(
    method: 'get' | 'post',
    path: string,
    schemas: S,
    answer: (parsed: Parsed<S>, context: ReadContext) => Promise<unknown>,
  ) =>
    router[method](path, async (req: Request, res) => {
      const context: ReadContext = {
        credentials: await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        }),
        request: req,
        via: 'http',
      };
      const parsed: Record<string, unknown> = {};
      for (const [part, name] of PARTS) {
        const schema = schemas[part];
        if (schema) parsed[part] = parseInput(schema, req[part], name);
      }
      res.json(await answer(parsed as Parsed<S>, context));
    });

  router.get('/health', async (_req, res) => {
    const dynamodb = await store.checkHealth();
    const body: HealthResponse = {
      status: dynamodb.reachable ? 'ok' : 'unavailable',
      dynamodb,
    };
    res.status(dynamodb.reachable ? 200 : 503).json(body);
  });

  serve(
    'get',
    '/workflows/:workflowId/orders',
    { params: workflowParamsSchema, query: historyQuerySchema },
    ({ params, query }, context) =>
      pages.history(
        { workflowId: params.workflowId, query, carryCount: true },
        context,
      ),
  );

  serve(
    'get',
    '/latest-orders',
    { query: latestOrdersQuerySchema },
    ({ query }, context) => pages.latestOrders(query, context),
  );

  serve(
    'get',
    '/workflows/:workflowId/activity',
    { params: workflowParamsSchema, query: noQuerySchema },
    ({ params }, context) => pages.activity(params.workflowId, context),
  );

  serve(
    'get',
    '/orders/:orderId',
    { params: orderParamsSchema, query: noQuerySchema },
    ({ params }, context) => pages.order(params.orderId, context),
  );

  serve(
    'post',
    '/summaries',
    { query: noQuerySchema, body: summariesBodySchema },
    ({ body }, context) => pages.summaries(body.workflow_ids, context),
  );

  addExportRoutes(router, {
    httpAuth,
    reads,
    maxRows: options.exportMaxRows ?? DEFAULT_EXPORT_MAX_ROWS,
  });

  if (options.live) addLiveRoutes(router, { httpAuth, live: options.live });

  return router;
}
