import { http, HttpResponse } from 'msw';
import { HealthResponse } from '@workflow-orders/plugin-workflow-orders-common';
import { activityHandler } from './activity';
import { MockBackendOptions, createMockBackend } from './backend';
import { exportHandlers } from './exports';
import { historyHandler } from './history';
import { latestOrdersHandler } from './latestOrders';
import { liveChangesHandler } from './live';
import { orderHandler } from './order';
import { summariesHandler } from './summaries';

export type { MockBackendOptions } from './backend';

/**
 * msw handlers that answer like the workflow-orders backend, from in-memory workflows (the healthy
 * demo workflows unless told): the dev app runs them in a service worker, the tests in node.
 * contract.test.ts holds them to the backend's router.
 */
export function createWorkflowOrdersHandlers(options: MockBackendOptions = {}) {
  const backend = createMockBackend(options);
  const health: HealthResponse = {
    status: 'ok',
    dynamodb: { reachable: true, table: 'workflow_orders' },
  };
  return [
    historyHandler(backend),
    latestOrdersHandler(backend),
    orderHandler(backend),
    summariesHandler(backend),
    activityHandler(backend),
    liveChangesHandler(backend, options.live),
    ...exportHandlers(backend),
    http.get(`${backend.base}/health`, () => HttpResponse.json(health)),
  ];
}
