import { delay, http, HttpResponse } from 'msw';
import {
  ORDER_RETENTION_SECONDS,
  RequestPart,
  SummariesResponse,
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
  WorkflowOrderListItem,
  describeRequestIssues,
  historyQuerySchema,
  LatestOrderItem,
  LatestOrdersResponse,
  latestOrdersQuerySchema,
  noQuerySchema,
  orderParamsSchema,
  summariesBodySchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockOrder, MockWorkflow, demoWorkflows, ordersInWindow } from './data';

/** Options of {@link createWorkflowOrdersHandlers}. */
export interface MockBackendOptions {
  /** Where the backend is; any host by default. */
  baseUrl?: string;
  workflows?: MockWorkflow[];
  /** How long the slow workflow takes to answer. */
  slowMs?: number;
  /** The mock clock, epoch milliseconds. */
  now?: () => number;
}

/** A Backstage error body, as the real backend's error middleware writes it. */
export function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    {
      error: { name, message },
      response: { statusCode: status },
    },
    { status },
  );
}

/** Where the mock says its DynamoDB is, in the 503 of an outage workflow. */
const MOCK_DYNAMODB = 'http://localhost:8000';

/** The part of a zod schema the mock needs, so it depends on the shared schemas only. */
type RequestSchema<T> = {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: Parameters<typeof describeRequestIssues>[0] };
};

/** The value, or the 400 the backend answers when a request part does not parse. */
function parse<T>(
  schema: RequestSchema<T>,
  value: unknown,
  part: RequestPart,
): T | Response {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  return errorResponse(
    400,
    'InputError',
    describeRequestIssues(parsed.error, part),
  );
}

/** A query string as Express reads it: a repeated parameter becomes an array. */
function queryOf(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  new URL(request.url).searchParams.forEach((value, key) => {
    const known = query[key];
    if (known === undefined) query[key] = value;
    else query[key] = Array.isArray(known) ? [...known, value] : [known, value];
  });
  return query;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();
/** What a cursor was issued for: a workflow's history (`w`) or the latest orders, and the page's sort and filters (`q`). */
interface CursorScope {
  workflowId?: string;
  filters: string;
}

const encodeCursor = (scope: CursorScope, offset: number) =>
  btoa(JSON.stringify({ w: scope.workflowId, q: scope.filters, o: offset }));

/** The offset a cursor of this mock names, or the 400 the backend answers for it. */
function decodeCursor(cursor: string, scope: CursorScope): number | Response {
  let position: { w?: unknown; q?: unknown; o?: unknown };
  try {
    position = JSON.parse(atob(cursor));
  } catch {
    return errorResponse(
      400,
      'InputError',
      'cursor is not valid: use the next_cursor of a previous page as it is',
    );
  }
  if (scope.workflowId && position?.w !== scope.workflowId) {
    return errorResponse(
      400,
      'InputError',
      `cursor belongs to another workflow than ${scope.workflowId}; start again without a cursor`,
    );
  }
  if ((position?.q ?? '') !== scope.filters) {
    return errorResponse(
      400,
      'InputError',
      `cursor belongs to another ${scope.workflowId ? 'sort or filter' : 'filter'}; start again without a cursor`,
    );
  }
  const offset = position.o;
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
    ? offset
    : errorResponse(
        400,
        'InputError',
        'cursor is not valid: it does not name a position',
      );
}

/** True when an order is of the direction and asset code asked for (any, when not asked). */
function matches(
  order: MockOrder,
  filters: { direction?: string; code?: string },
): boolean {
  return (
    (!filters.direction || order.order_direction === filters.direction) &&
    (!filters.code || order.order_code?.toUpperCase() === filters.code)
  );
}

/**
 * msw handlers that answer like the workflow-orders backend, from in-memory workflows: the dev app
 * runs them in a service worker, the tests in node.
 */
export function createWorkflowOrdersHandlers(options: MockBackendOptions = {}) {
  const base = options.baseUrl ?? '*/api/workflow-orders';
  const workflows = options.workflows ?? demoWorkflows;
  const slowMs = options.slowMs ?? 2500;
  const now = options.now ?? Date.now;
  const origin = now();
  const placedAt = (order: MockOrder) => origin - order.secondsAgo * 1000;
  const inWindow = (workflow: MockWorkflow) =>
    ordersInWindow(workflow, origin, now());

  const listItem = (
    workflow: MockWorkflow,
    order: MockOrder,
  ): WorkflowOrderListItem => ({
    id: order.id,
    workflow_id: workflow.id,
    placed_at: iso(placedAt(order)),
    order_code: order.order_code,
    order_price: order.order_price,
    order_quantity: order.order_quantity,
    order_direction: order.order_direction,
    order_type: order.order_type,
  });

  /** The 503 the backend answers while its DynamoDB does not. */
  const outage = (action: string) =>
    errorResponse(
      503,
      'ServiceUnavailableError',
      `DynamoDB at ${MOCK_DYNAMODB} did not answer (while ${action}): connect ECONNREFUSED 127.0.0.1:8000`,
    );

  /** The 404 the backend answers for a workflow the user may not see, as for one it does not know. */
  const notFound = (workflowId: string) =>
    errorResponse(404, 'NotFoundError', `No workflow ${workflowId} was found`);

  /** The 404 the backend answers for an unknown or expired order, or one of a hidden workflow. */
  const orderNotFound = (orderId: string) =>
    errorResponse(
      404,
      'NotFoundError',
      `No order ${orderId}: it does not exist or expired after 7 days`,
    );

  /** The workflow a request is about (its id already parsed), or the error response it gets. */
  async function find(workflowId: string, action: string) {
    const workflow = workflows.find(w => w.id === workflowId);
    if (workflow?.slow) await delay(slowMs);
    if (workflow?.hidden) return notFound(workflowId);
    if (workflow?.failing) return outage(action);
    return workflow ?? { id: workflowId, name: '', orders: [] };
  }

  return [
    http.get(
      `${base}/workflows/:workflowId/orders`,
      async ({ params, request }) => {
        const path = parse(workflowParamsSchema, params, 'path parameter');
        if (path instanceof Response) return path;
        const query = parse(
          historyQuerySchema,
          queryOf(request),
          'query parameter',
        );
        if (query instanceof Response) return query;
        const { workflowId } = path;
        const { limit, cursor, sort, direction, code } = query;
        const scope = {
          workflowId,
          filters:
            sort === 'newest' && !direction && !code
              ? ''
              : [sort, direction, code].join('|'),
        };
        const offset = cursor ? decodeCursor(cursor, scope) : 0;
        if (offset instanceof Response) return offset;
        const workflow = await find(
          workflowId,
          `reading the orders of workflow ${workflowId}`,
        );
        if (workflow instanceof Response) return workflow;

        const matching = inWindow(workflow).filter(order =>
          matches(order, { direction, code }),
        );
        const orders = sort === 'oldest' ? matching.reverse() : matching;
        const page = orders.slice(offset, offset + limit);
        const body: WorkflowOrderHistoryResponse = {
          workflow_id: workflow.id,
          orders: page.map(order => listItem(workflow, order)),
          total_count: orders.length,
          limit,
          next_cursor:
            offset + limit < orders.length
              ? encodeCursor(scope, offset + limit)
              : null,
        };
        return HttpResponse.json(body);
      },
    ),

    http.get(`${base}/latest-orders`, async ({ request }) => {
      const query = parse(
        latestOrdersQuerySchema,
        queryOf(request),
        'query parameter',
      );
      if (query instanceof Response) return query;
      const { limit, cursor, direction, code, workflow_ids } = query;
      const scope = {
        filters: [direction, code, workflow_ids?.join(',')].join('|'),
      };
      const offset = cursor ? decodeCursor(cursor, scope) : 0;
      if (offset instanceof Response) return offset;
      if (workflows.some(w => w.slow)) await delay(slowMs);

      const rows = workflows
        .filter(workflow => !workflow.hidden)
        .filter(workflow => !workflow_ids || workflow_ids.includes(workflow.id))
        .flatMap(workflow => {
          const last = inWindow(workflow)[0];
          return last ? [{ workflow, last }] : [];
        })
        .filter(({ last }) => matches(last, { direction, code }))
        .sort((a, b) => a.last.secondsAgo - b.last.secondsAgo);
      const page = rows.slice(offset, offset + limit);
      const body: LatestOrdersResponse = {
        orders: page.map(({ workflow, last }): LatestOrderItem => ({
          ...listItem(workflow, last),
          workflow_name: last.unnamed ? null : workflow.name,
        })),
        limit,
        next_cursor:
          offset + limit < rows.length
            ? encodeCursor(scope, offset + limit)
            : null,
      };
      return HttpResponse.json(body);
    }),

    http.get(`${base}/orders/:orderId`, async ({ params, request }) => {
      const path = parse(orderParamsSchema, params, 'path parameter');
      if (path instanceof Response) return path;
      const query = parse(noQuerySchema, queryOf(request), 'query parameter');
      if (query instanceof Response) return query;
      const { orderId } = path;
      for (const workflow of workflows) {
        const order = inWindow(workflow).find(o => o.id === orderId);
        if (!order) continue;
        if (workflow.hidden) return orderNotFound(orderId);
        const found = await find(workflow.id, `looking up order ${orderId}`);
        if (found instanceof Response) return found;
        const body: WorkflowOrderDetail = {
          ...listItem(workflow, order),
          workflow_name: order.unnamed ? null : workflow.name,
          asset_type: order.asset_type,
          trigger_close: order.trigger_close,
          execution_context: order.execution_context,
          expires_at: iso(
            (Math.floor(placedAt(order) / 1000) + ORDER_RETENTION_SECONDS) *
              1000,
          ),
        };
        return HttpResponse.json(body);
      }
      return orderNotFound(orderId);
    }),

    http.post(`${base}/summaries`, async ({ request }) => {
      const query = parse(noQuerySchema, queryOf(request), 'query parameter');
      if (query instanceof Response) return query;
      const body = parse(
        summariesBodySchema,
        await request.json().catch(() => undefined),
        'field',
      );
      if (body instanceof Response) return body;
      const ids = body.workflow_ids;
      const known = ids.map(id => workflows.find(w => w.id === id));
      if (known.some(w => w?.slow)) await delay(slowMs);
      const summaries: SummariesResponse['summaries'] = ids.map((id, index) => {
        const workflow = known[index];
        if (workflow?.hidden) return null;
        const last = workflow && inWindow(workflow)[0];
        return {
          workflow_id: id,
          last_order_timestamp: last ? iso(placedAt(last)) : null,
          last_order_direction: last?.order_direction ?? null,
          last_order_quantity: last?.order_quantity ?? null,
          last_order_price: last?.order_price ?? null,
          last_order_code: last?.order_code ?? null,
        };
      });
      const answer: SummariesResponse = { summaries };
      return HttpResponse.json(answer);
    }),

    http.get(
      `${base}/workflows/:workflowId/activity`,
      async ({ params, request }) => {
        const path = parse(workflowParamsSchema, params, 'path parameter');
        if (path instanceof Response) return path;
        const query = parse(noQuerySchema, queryOf(request), 'query parameter');
        if (query instanceof Response) return query;
        const workflow = await find(
          path.workflowId,
          `reading the last order of workflow ${path.workflowId}`,
        );
        if (workflow instanceof Response) return workflow;
        const orders = inWindow(workflow);
        const today = new Date(now());
        const daily_counts = Array.from({ length: 7 }, (_, i) => {
          const day = new Date(
            Date.UTC(
              today.getUTCFullYear(),
              today.getUTCMonth(),
              today.getUTCDate() - (6 - i),
            ),
          );
          const date = day.toISOString().slice(0, 10);
          const count = orders.filter(o =>
            iso(placedAt(o)).startsWith(date),
          ).length;
          return { date, count };
        });
        const body: WorkflowActivity = {
          workflow_id: workflow.id,
          total_count: orders.length,
          last_order: orders[0] ? listItem(workflow, orders[0]) : null,
          daily_counts,
        };
        return HttpResponse.json(body);
      },
    ),

    http.get(`${base}/health`, () =>
      HttpResponse.json({
        status: 'ok',
        dynamodb: { reachable: true, table: 'workflow_orders' },
      }),
    ),
  ];
}
