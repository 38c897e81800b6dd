import { ResponseError } from '@backstage/errors';

/**
 * The error as the page says it: for an answer of the backend, what the backend said (such as the
 * 503 of an unreachable order store) with its status, not only "Request failed with 503".
 */
export function readableError(error: Error): Error {
  if (!(error instanceof ResponseError)) return error;
  const said = error.body?.error?.message;
  return said ? new Error(`${said} (${error.statusCode})`) : error;
}
