/**
 * Why a DynamoDB call failed in a way that another try may fix: DynamoDB refused for now
 * (`throttling`), no answer in time (`timeout`), the connection failed (`connection`), or DynamoDB
 * failed on its side (`server`).
 *
 * @public
 */
export type TransientDynamoDbErrorKind =
  'throttling' | 'timeout' | 'connection' | 'server';

const NAMES = new Map<string, TransientDynamoDbErrorKind>([
  ['ThrottlingException', 'throttling'],
  ['ProvisionedThroughputExceededException', 'throttling'],
  ['RequestLimitExceeded', 'throttling'],
  ['TooManyRequestsException', 'throttling'],
  ['LimitExceededException', 'throttling'],
  ['TransactionConflictException', 'throttling'],
  ['ItemCollectionSizeLimitExceededException', 'throttling'],
  ['TimeoutError', 'timeout'],
  ['RequestTimeout', 'timeout'],
  ['RequestTimeoutException', 'timeout'],
  // An attempt abandoned by its caller's timeout.
  ['AbortError', 'timeout'],
  ['InternalFailure', 'server'],
  ['InternalServerError', 'server'],
  ['ServiceUnavailable', 'server'],
]);

const CONNECTION_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
];

// The SDK's retry layer re-wraps network errors of another realm (jest's, for one), keeping the message.
const CONNECTION_MESSAGE = new RegExp(
  `\\b(${CONNECTION_CODES.join('|')})\\b|socket hang up`,
);

type AwsErrorShape = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
};

/**
 * What kind of transient failure `error` is, or `undefined` when retrying cannot help (validation
 * errors, a missing table, denied access, a failed condition).
 *
 * @public
 */
export function transientDynamoDbErrorKind(
  error: unknown,
): TransientDynamoDbErrorKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, message, $metadata, $retryable } = error as AwsErrorShape;
  const named = typeof name === 'string' ? NAMES.get(name) : undefined;
  if (named) return named;
  if (
    CONNECTION_CODES.includes(String(code)) ||
    CONNECTION_CODES.includes(String(name)) ||
    (typeof message === 'string' && CONNECTION_MESSAGE.test(message))
  ) {
    return 'connection';
  }
  if (($metadata?.httpStatusCode ?? 0) >= 500) return 'server';
  if ($retryable) return $retryable.throttling ? 'throttling' : 'server';
  return undefined;
}

/**
 * True for DynamoDB failures worth another try: throttling, 5xx answers, timeouts and broken
 * connections.
 *
 * @public
 */
export function isTransientDynamoDbError(error: unknown): boolean {
  return transientDynamoDbErrorKind(error) !== undefined;
}

/** True when a conditional write was refused because its condition did not hold. @public */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    (error as { name?: unknown } | undefined)?.name ===
    'ConditionalCheckFailedException'
  );
}
