import { HttpResponse, JsonBodyType, getResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { WorkflowOrdersClient } from '../api';
import { errorAnswer } from '../mocks/answers';
import { MockWorkflow } from '../mocks/fixtures';
import { createWorkflowOrdersHandlers } from '../mocks/handlers';

/** The base URL the tests' discovery resolves the plugin to. */
export const TEST_BASE_URL = 'http://localhost:7007/api/workflow-orders';

/** A request the mock backend received. */
export interface RecordedRequest {
  method: string;
  url: URL;
  text: () => Promise<string>;
}

/** The mock backend's handlers over `workflows`, answering at once. */
export function mockBackendHandlers(
  workflows?: MockWorkflow[],
  origin?: number,
) {
  return createWorkflowOrdersHandlers({
    baseUrl: TEST_BASE_URL,
    slowMs: 0,
    workflows,
    origin,
  });
}

/**
 * An msw server for the whole test file answering like a healthy backend (the healthy demo
 * workflows), reset after each test, and a record of the requests it received, so tests can count
 * them. A test that needs other answers sets them up with `server.use(...)`, or with
 * `serve(workflows)` for a backend that knows exactly those workflows.
 */
export function setupMockBackend() {
  const server = setupServer(...mockBackendHandlers());
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
  // Every backend a test serves counts the ages of its orders from the same instant.
  let origin = Date.now();
  beforeEach(() => {
    requests.length = 0;
    origin = Date.now();
  });
  const serve = (workflows: MockWorkflow[]) =>
    server.use(...mockBackendHandlers(workflows, origin));
  return { server, requests, serve };
}

/**
 * A handler answering `method path` (below the plugin's URL, such as `/latest-orders` or
 * `/workflows/:workflowId/orders`) with the backend's answer to `error`, such as
 * `storeUnavailable(...)` of the mock's answers; only the first request with `once`.
 */
export function answerError(
  method: 'get' | 'post',
  path: string,
  error: Error,
  options: { once?: boolean } = {},
) {
  return http[method](
    `${TEST_BASE_URL}${path}`,
    ({ request }) => errorAnswer(request, error),
    options,
  );
}

/**
 * A handler answering `method path` (as for {@link answerError}) with the healthy mock backend's
 * answer, its JSON body changed by `change`: for an answer the demo data do not give, such as a
 * count that is a lower bound.
 */
export function answerChanged<T extends JsonBodyType>(
  method: 'get' | 'post',
  path: string,
  change: (body: T) => T,
) {
  return http[method](`${TEST_BASE_URL}${path}`, async ({ request }) => {
    const answer = (await getResponse(mockBackendHandlers(), request))!;
    return HttpResponse.json(change(await answer.json()), {
      status: answer.status,
    });
  });
}

/**
 * Holds every request to the mock backend until the returned function is called, then lets each
 * through to the handlers behind: for what a component shows while it waits.
 */
export function holdRequests(
  server: ReturnType<typeof setupServer>,
): () => void {
  let release: () => void = () => {};
  const released = new Promise<void>(resolve => (release = resolve));
  server.use(
    http.all(`${TEST_BASE_URL}/*`, async () => {
      await released;
      return undefined;
    }),
  );
  return release;
}

/** A real client pointed at the mock backend. */
export function createTestClient(): WorkflowOrdersClient {
  return new WorkflowOrdersClient({
    discoveryApi: { getBaseUrl: async () => TEST_BASE_URL },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}
