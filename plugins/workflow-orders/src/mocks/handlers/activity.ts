import { http, HttpResponse } from 'msw';
import {
  WorkflowActivity,
  noQuerySchema,
  workflowParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockBackend, answering, iso, pathOf, queryOfRequest } from './backend';

/** Days the activity chart covers, today last. */
const ACTIVITY_DAYS = 7;

/** `GET /workflows/:workflowId/activity`: the count, last order and orders per day. */
export function activityHandler(backend: MockBackend) {
  return http.get(
    `${backend.base}/workflows/:workflowId/activity`,
    answering(async ({ params, request }) => {
      const { workflowId } = pathOf(workflowParamsSchema, params);
      queryOfRequest(noQuerySchema, request);
      const workflow = await backend.read(
        workflowId,
        `reading the last order of workflow ${workflowId}`,
      );

      const orders = backend.inWindow(workflow);
      const today = new Date(backend.now());
      const daily_counts = Array.from({ length: ACTIVITY_DAYS }, (_, i) => {
        const day = new Date(
          Date.UTC(
            today.getUTCFullYear(),
            today.getUTCMonth(),
            today.getUTCDate() - (ACTIVITY_DAYS - 1 - i),
          ),
        );
        const date = day.toISOString().slice(0, 10);
        const count = orders.filter(o =>
          iso(backend.placedAt(o)).startsWith(date),
        ).length;
        return { date, count };
      });
      const body: WorkflowActivity = {
        workflow_id: workflowId,
        total_count: orders.length,
        last_order: orders[0] ? backend.listItem(workflow, orders[0]) : null,
        daily_counts,
      };
      return HttpResponse.json(body);
    }),
  );
}
