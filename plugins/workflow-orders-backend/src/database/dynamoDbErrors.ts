import { ServiceUnavailableError } from '@backstage/errors';
import { transientDynamoDbErrorKind } from '@workflow-orders/table';

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
      return new ServiceUnavailableError(
        `DynamoDB is throttling requests to table ${table} (while ${action}); try again shortly`,
        error,
      );
    case 'timeout':
    case 'connection':
      return new ServiceUnavailableError(
        `DynamoDB at ${location} did not answer (while ${action}): ${message}`,
        error,
      );
    case 'server':
      return new ServiceUnavailableError(
        `DynamoDB failed (while ${action}): ${message}`,
        error,
      );
    default:
  }
  if ((error as { name?: unknown })?.name === 'ResourceNotFoundException') {
    return new ServiceUnavailableError(
      `DynamoDB table ${table} does not exist at ${location}`,
      error,
    );
  }
  return error instanceof Error ? error : new Error(message);
}
