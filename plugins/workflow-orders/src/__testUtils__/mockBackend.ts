import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { WorkflowOrdersClient } from '../api';
import {
  MockBackendOptions,
  createWorkflowOrdersHandlers,
} from '../mocks/handlers';

/** The base URL the tests' discovery resolves the plugin to. */
export const TEST_BASE_URL = 'http://localhost:7007/api/workflow-orders';

/** A request the mock backend received. */
export interface RecordedRequest {
  method: string;
  url: URL;
  text: () => Promise<string>;
}

/**
 * An msw server answering like the backend for the whole test file, and a record of the requests
 * it received, so tests can count them.
 */
export function setupMockBackend(options: MockBackendOptions = {}) {
  const server = setupServer(
    ...createWorkflowOrdersHandlers({
      baseUrl: TEST_BASE_URL,
      slowMs: 0,
      ...options,
    }),
  );
  registerMswTestHooks(server);
  const requests: RecordedRequest[] = [];
  server.events.on('request:start', ({ request }) => {
    const copy = request.clone();
    requests.push({
      method: request.method,
      url: new URL(request.url),
      text: () => copy.text(),
    });
  });
  beforeEach(() => {
    requests.length = 0;
  });
  return { server, requests };
}

/** A real client pointed at the mock backend. */
export function createTestClient(): WorkflowOrdersClient {
  return new WorkflowOrdersClient({
    discoveryApi: { getBaseUrl: async () => TEST_BASE_URL },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}
