/** A request to the workflow-orders API beyond a GET: its method, JSON body and other headers. */
export interface ApiRequest {
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** Calls `path` of the workflow-orders API at `backendUrl` with `token`. */
export const callApi = (
  backendUrl: string,
  token: string,
  path: string,
  request: ApiRequest = {},
) =>
  fetch(`${backendUrl}/api/workflow-orders${path}`, {
    ...request,
    headers: { Authorization: `Bearer ${token}`, ...request.headers },
  });
