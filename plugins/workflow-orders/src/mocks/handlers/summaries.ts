import { http, HttpResponse } from 'msw';
import {
  SummariesResponse,
  noQuerySchema,
  summariesBodySchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { parseInput, storeUnavailable } from '../answers';
import { MockBackend, answering, iso, queryOfRequest } from './backend';

/**
 * `POST /summaries`: the last order of each workflow named, in the order named; null for a
 * workflow the user may not see. One read serves them all, so a workflow whose store fails fails
 * the whole request, as the backend's would.
 */
export function summariesHandler(backend: MockBackend) {
  return http.post(
    `${backend.base}/summaries`,
    answering(async ({ request }) => {
      queryOfRequest(noQuerySchema, request);
      const { workflow_ids: ids } = parseInput(
        summariesBodySchema,
        await request.json().catch(() => undefined),
        'field',
      );
      const known = ids.map(id => backend.workflows.find(w => w.id === id));
      const visible = known.filter(workflow => !workflow?.hidden);
      if (visible.some(workflow => workflow?.slow)) await backend.slowDown();
      if (visible.some(workflow => workflow?.failing)) {
        throw storeUnavailable('reading the last orders of workflows');
      }

      const body: SummariesResponse = {
        summaries: ids.map((id, index) => {
          const workflow = known[index];
          if (workflow?.hidden) return null;
          const last = workflow && backend.inWindow(workflow)[0];
          return {
            workflow_id: id,
            last_order_timestamp: last ? iso(backend.placedAt(last)) : null,
            last_order_direction: last?.order_direction ?? null,
            last_order_quantity: last?.order_quantity ?? null,
            last_order_price: last?.order_price ?? null,
            last_order_code: last?.order_code ?? null,
          };
        }),
      };
      return HttpResponse.json(body);
    }),
  );
}
