import { http, HttpResponse } from 'msw';
import {
  LiveChangesResponse,
  liveChangesQuerySchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockBackend, answering, queryOfRequest } from './backend';

/** How often the mock says its backend looks for new orders, as the backend's default. */
const MOCK_INTERVAL_SECONDS = 2;

/**
 * `GET /live/changes`: the mock's orders do not change, so its sequence stays 0 and it answers no
 * changes; a sequence it never reached is one of an earlier backend, whose changes it cannot tell
 * (`complete: false`), as the backend answers after a restart.
 */
export function liveChangesHandler(backend: MockBackend) {
  return http.get(
    `${backend.base}/live/changes`,
    answering(async ({ request }) => {
      const { after } = queryOfRequest(liveChangesQuerySchema, request);
      const body: LiveChangesResponse = {
        sequence: 0,
        complete: after === undefined || after === 0,
        interval_seconds: MOCK_INTERVAL_SECONDS,
        changes: [],
      };
      return HttpResponse.json(body);
    }),
  );
}
