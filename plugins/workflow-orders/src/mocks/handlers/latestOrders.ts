import { http, HttpResponse } from 'msw';
import {
  LatestOrdersResponse,
  latestOrdersQuerySchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockBackend, answering, matches, queryOfRequest } from './backend';
import { decodeCursor, filtersOf, pageOf } from './cursor';

/**
 * `GET /latest-orders`: the latest order of each workflow the user may see, newest first. A
 * workflow whose store fails has no orders here, so it has no row either.
 */
export function latestOrdersHandler(backend: MockBackend) {
  return http.get(
    `${backend.base}/latest-orders`,
    answering(async ({ request }) => {
      const query = queryOfRequest(latestOrdersQuerySchema, request);
      const { limit, cursor, direction, code, workflow_ids } = query;
      const scope = { filters: filtersOf(query) };
      const offset = cursor ? decodeCursor(cursor, scope) : 0;
      if (backend.workflows.some(w => w.slow)) await backend.slowDown();

      const rows = backend.workflows
        .filter(workflow => !workflow.hidden)
        .filter(workflow => !workflow_ids || workflow_ids.includes(workflow.id))
        .flatMap(workflow => {
          const last = backend.inWindow(workflow)[0];
          return last ? [{ workflow, last }] : [];
        })
        .filter(({ last }) => matches(last, { direction, code }))
        .sort((a, b) => a.last.secondsAgo - b.last.secondsAgo);
      const { page, next_cursor } = pageOf(rows, offset, limit, scope);
      const body: LatestOrdersResponse = {
        orders: page.map(({ workflow, last }) => ({
          ...backend.listItem(workflow, last),
          workflow_name: last.unnamed ? null : workflow.name,
        })),
        limit,
        next_cursor,
      };
      return HttpResponse.json(body);
    }),
  );
}
