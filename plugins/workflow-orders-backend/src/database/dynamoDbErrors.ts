import { ServiceUnavailableError } from '@backstage/errors';
import { transientDynamoDbErrorKind } from '@workflow-orders/table';

/**
 * A 503 whose message is only ours: `@backstage/errors` would append the cause's message ("; caused
 * by TimeoutError: @smithy/node-http-handler ..."), so the cause is attached afterwards: the log
 * keeps it, and a backend that answers like production leaves it out of the body
 * (docs/production.md).
 */
function unavailable(message: string, cause: unknown): ServiceUnavailableError {
  return Object.assign(new ServiceUnavailableError(message), { cause });
}

/**
 * Turns a failed DynamoDB call into what the caller should see: throttling, timeouts, unreachable
 * endpoints, a missing table and server errors become a `ServiceUnavailableError` (503) that says
 * what failed; anything else is a bug and comes back as it was.
 */
export function translateDynamoDbError(
  error: unknown,
  context: { table: string; location: string; action: string },
): Error {
  const { table, location, action } = context;
  const message =
    error instanceof Error ? error.message : String(error ?? 'unknown error');
  switch (transientDynamoDbErrorKind(error)) {
    case 'throttling':
      return unavailable(
        `DynamoDB is throttling requests to table ${table} (while ${action}); try again shortly`,
        error,
      );
    // The SDK's own words (an endpoint, an errno, a timeout setting) stay in the cause, which the
    // log keeps; the message is what a client may read.
    case 'timeout':
    case 'connection':
      return unavailable(
        `DynamoDB did not answer (while ${action}); try again shortly`,
        error,
      );
    case 'server':
      return unavailable(
        `DynamoDB failed (while ${action}); try again shortly`,
        error,
      );
    default:
  }
  if ((error as { name?: unknown })?.name === 'ResourceNotFoundException') {
    return unavailable(
      `DynamoDB table ${table} does not exist at ${location}`,
      error,
    );
  }
  return error instanceof Error ? error : new Error(message);
}
