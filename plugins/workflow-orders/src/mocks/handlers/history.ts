import { http, HttpResponse } from 'msw';
import {
  WorkflowOrderHistoryResponse,
  historyQuerySchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  MockBackend,
  answering,
  matches,
  pathOf,
  queryOfRequest,
} from './backend';
import { decodeCursor, filtersOf, pageOf } from './cursor';

/** `GET /workflows/:workflowId/orders`: a page of a workflow's history. */
export function historyHandler(backend: MockBackend) {
  return http.get(
    `${backend.base}/workflows/:workflowId/orders`,
    answering(async ({ params, request }) => {
      const { workflowId } = pathOf(workflowParamsSchema, params);
      const query = queryOfRequest(historyQuerySchema, request);
      const { limit, cursor, sort, direction, code } = query;
      const scope = { workflowId, filters: filtersOf(query) };
      const offset = cursor ? decodeCursor(cursor, scope) : 0;
      const workflow = await backend.read(
        workflowId,
        `reading the orders of workflow ${workflowId}`,
      );

      const matching = backend
        .inWindow(workflow)
        .filter(order => matches(order, { direction, code }));
      const orders = sort === 'oldest' ? matching.reverse() : matching;
      const { page, next_cursor } = pageOf(orders, offset, limit, scope);
      const body: WorkflowOrderHistoryResponse = {
        workflow_id: workflowId,
        orders: page.map(order => backend.listItem(workflow, order)),
        total_count: orders.length,
        total_count_exact: true,
        limit,
        next_cursor,
      };
      return HttpResponse.json(body);
    }),
  );
}
