import { ServiceUnavailableError } from '@backstage/errors';

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const UNREACHABLE_MESSAGE = new RegExp(
  `\\b(${[...UNREACHABLE].join('|')})\\b|socket hang up`,
);

type AwsError = {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
};

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
  const {
    name = '',
    code = '',
    message = String(error),
    $metadata,
  } = error as AwsError;
  if (THROTTLING.has(name)) {
    return new ServiceUnavailableError(
      `DynamoDB is throttling requests to table ${table} (while ${action}); try again shortly`,
      error,
    );
  }
  if (
    name === 'TimeoutError' ||
    UNREACHABLE.has(code) ||
    UNREACHABLE.has(name) ||
    // The SDK's retry layer re-wraps network errors of another realm (jest's, for one) by message.
    UNREACHABLE_MESSAGE.test(message)
  ) {
    return new ServiceUnavailableError(
      `DynamoDB at ${location} did not answer (while ${action}): ${message}`,
      error,
    );
  }
  if (name === 'ResourceNotFoundException') {
    return new ServiceUnavailableError(
      `DynamoDB table ${table} does not exist at ${location}`,
      error,
    );
  }
  if (($metadata?.httpStatusCode ?? 0) >= 500) {
    return new ServiceUnavailableError(
      `DynamoDB failed (while ${action}): ${message}`,
      error,
    );
  }
  return error instanceof Error ? error : new Error(message);
}
