import { http, HttpResponse } from 'msw';
import {
  LatestOrderItem,
  LiveChangesResponse,
  liveChangesQuerySchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { MockLiveFeed } from '../liveFeed';
import { MockBackend, answering, queryOfRequest } from './backend';

/** How often the mock says its backend looks for new orders, as the backend's default. */
const MOCK_INTERVAL_SECONDS = 2;

/**
 * `GET /live/changes`. Without a live feed the mock's orders do not change, so its sequence stays
 * 0 and it answers no changes; with one (the dev app), the latest order of each workflow the feed
 * gave a new order after `after`, newest first. A sequence it never reached is one of an earlier
 * backend, whose changes it cannot tell (`complete: false`), as the backend answers after a restart.
 */
export function liveChangesHandler(backend: MockBackend, feed?: MockLiveFeed) {
  return http.get(
    `${backend.base}/live/changes`,
    answering(async ({ request }) => {
      const { after } = queryOfRequest(liveChangesQuerySchema, request);
      const sequence = feed?.sequence() ?? 0;
      const complete = after === undefined || after <= sequence;
      const latest = new Map<string, LatestOrderItem>();
      if (feed && after !== undefined && complete) {
        for (const { workflow, order } of feed.placedSince(after).reverse()) {
          if (workflow.hidden || latest.has(workflow.id)) continue;
          latest.set(workflow.id, {
            ...backend.listItem(workflow, order),
            workflow_name: workflow.name,
          });
        }
      }
      const body: LiveChangesResponse = {
        sequence,
        complete,
        interval_seconds: MOCK_INTERVAL_SECONDS,
        changes: [...latest.values()],
      };
      return HttpResponse.json(body);
    }),
  );
}
