import { delay, http, HttpResponse } from 'msw';
import {
  DEFAULT_HISTORY_LIMIT,
  MAX_HISTORY_LIMIT,
  ORDER_RETENTION_SECONDS,
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
  WorkflowOrderListItem,
  WorkflowOrderSummary,
  isUuid,
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

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const encodeCursor = (workflowId: string, offset: number) =>
  btoa(JSON.stringify({ w: workflowId, o: offset }));

function decodeCursor(cursor: string, workflowId: string): number | undefined {
  try {
    const { w, o } = JSON.parse(atob(cursor));
    return w === workflowId && Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
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

  /** The workflow a request is about, or the error response it gets. */
  async function find(workflowId: string) {
    const workflow = workflows.find(w => w.id === workflowId.toLowerCase());
    if (workflow?.slow) await delay(slowMs);
    if (workflow?.failing) {
      return errorResponse(
        500,
        'Error',
        'Could not query the orders table: connect ECONNREFUSED 127.0.0.1:8000',
      );
    }
    return workflow ?? { id: workflowId.toLowerCase(), name: '', orders: [] };
  }

  return [
    http.get(
      `${base}/workflows/:workflowId/orders`,
      async ({ params, request }) => {
        const workflowId = String(params.workflowId);
        if (!isUuid(workflowId))
          return errorResponse(400, 'InputError', 'workflowId: must be a UUID');
        const url = new URL(request.url);
        const limit = Number(
          url.searchParams.get('limit') ?? DEFAULT_HISTORY_LIMIT,
        );
        if (
          !Number.isInteger(limit) ||
          limit < 1 ||
          limit > MAX_HISTORY_LIMIT
        ) {
          return errorResponse(
            400,
            'InputError',
            `limit: must be a whole number from 1 to ${MAX_HISTORY_LIMIT}`,
          );
        }
        const cursor = url.searchParams.get('cursor');
        const offset = cursor
          ? decodeCursor(cursor, workflowId.toLowerCase())
          : 0;
        if (offset === undefined)
          return errorResponse(
            400,
            'InputError',
            'cursor: is not a cursor of this workflow',
          );
        const workflow = await find(workflowId);
        if (workflow instanceof Response) return workflow;

        const orders = inWindow(workflow);
        const page = orders.slice(offset, offset + limit);
        const body: WorkflowOrderHistoryResponse = {
          workflow_id: workflow.id,
          orders: page.map(order => listItem(workflow, order)),
          total_count: orders.length,
          limit,
          next_cursor:
            offset + limit < orders.length
              ? encodeCursor(workflow.id, offset + limit)
              : null,
        };
        return HttpResponse.json(body);
      },
    ),

    http.get(`${base}/orders/:orderId`, async ({ params }) => {
      const orderId = String(params.orderId);
      for (const workflow of workflows) {
        const order = inWindow(workflow).find(o => o.id === orderId);
        if (!order) continue;
        const found = await find(workflow.id);
        if (found instanceof Response) return found;
        const body: WorkflowOrderDetail = {
          ...listItem(workflow, order),
          workflow_name: workflow.name,
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
      return errorResponse(
        404,
        'NotFoundError',
        `No order ${orderId} in the last 7 days`,
      );
    }),

    http.post(`${base}/summaries`, async ({ request }) => {
      const body = (await request.json().catch(() => undefined)) as
        { workflow_ids?: unknown } | undefined;
      const ids = body?.workflow_ids;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every(isUuid)) {
        return errorResponse(
          400,
          'InputError',
          'workflow_ids: must be an array of workflow ids',
        );
      }
      const known = ids.map(id =>
        workflows.find(w => w.id === id.toLowerCase()),
      );
      if (known.some(w => w?.slow)) await delay(slowMs);
      const summaries: WorkflowOrderSummary[] = ids.map((id, index) => {
        const workflow = known[index];
        const last = workflow && inWindow(workflow)[0];
        return {
          workflow_id: id.toLowerCase(),
          last_order_timestamp: last ? iso(placedAt(last)) : null,
          last_order_direction: last?.order_direction ?? null,
          last_order_quantity: last?.order_quantity ?? null,
          last_order_price: last?.order_price ?? null,
          last_order_code: last?.order_code ?? null,
        };
      });
      return HttpResponse.json({ summaries });
    }),

    http.get(`${base}/workflows/:workflowId/summary`, async ({ params }) => {
      const workflowId = String(params.workflowId);
      if (!isUuid(workflowId))
        return errorResponse(400, 'InputError', 'workflowId: must be a UUID');
      const workflow = await find(workflowId);
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
    }),

    http.get(`${base}/health`, () =>
      HttpResponse.json({
        status: 'ok',
        dynamodb: { reachable: true, table: 'workflow_orders' },
      }),
    ),
  ];
}
