import { http, HttpResponse } from 'msw';
import {
  ORDER_RETENTION_SECONDS,
  WorkflowOrderDetail,
  noQuerySchema,
  orderParamsSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { orderNotFound } from '../answers';
import { MockBackend, answering, iso, pathOf, queryOfRequest } from './backend';

/** `GET /orders/:orderId`: everything known about one order, and when it expires. */
export function orderHandler(backend: MockBackend) {
  return http.get(
    `${backend.base}/orders/:orderId`,
    answering(async ({ params, request }) => {
      const { orderId } = pathOf(orderParamsSchema, params);
      queryOfRequest(noQuerySchema, request);
      const workflow = backend.workflows.find(w =>
        backend.inWindow(w).some(o => o.id === orderId),
      );
      // An order of a workflow the user may not see is answered as an unknown one.
      if (!workflow || workflow.hidden) throw orderNotFound(orderId);
      await backend.read(workflow.id, `looking up order ${orderId}`);
      const order = backend.inWindow(workflow).find(o => o.id === orderId)!;
      const placedAt = backend.placedAt(order);
      const body: WorkflowOrderDetail = {
        ...backend.listItem(workflow, order),
        workflow_name: order.unnamed ? null : workflow.name,
        asset_type: order.asset_type,
        trigger_close: order.trigger_close,
        execution_context: order.execution_context,
        // The backend's expiry: whole seconds of the placing time, plus the retention.
        expires_at: iso(
          (Math.floor(placedAt / 1000) + ORDER_RETENTION_SECONDS) * 1000,
        ),
      };
      return HttpResponse.json(body);
    }),
  );
}
