import {
  isConditionalCheckFailed,
  isTransientDynamoDbError,
  transientDynamoDbErrorKind,
} from './dynamoDbErrors';

describe('transientDynamoDbErrorKind', () => {
  it.each([
    ['throttling', { name: 'ThrottlingException' }, 'throttling'],
    [
      'exceeded throughput',
      { name: 'ProvisionedThroughputExceededException' },
      'throttling',
    ],
    ['too many requests', { name: 'TooManyRequestsException' }, 'throttling'],
    ['a request timeout', { name: 'TimeoutError' }, 'timeout'],
    ['an aborted attempt', { name: 'AbortError' }, 'timeout'],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      }),
      'connection',
    ],
    [
      'an unreachable host named in the message only',
      new Error('connect EHOSTUNREACH 10.0.0.1:8000'),
      'connection',
    ],
    ['a socket hang up', new Error('socket hang up'), 'connection'],
    [
      'a 503 answer',
      { name: 'Unknown', $metadata: { httpStatusCode: 503 } },
      'server',
    ],
    [
      'an error the SDK marks as throttling',
      { name: 'Unknown', $retryable: { throttling: true } },
      'throttling',
    ],
  ])('names %s', (_case, error, kind) => {
    expect(transientDynamoDbErrorKind(error)).toBe(kind);
    expect(isTransientDynamoDbError(error)).toBe(true);
  });

  it.each([
    [
      'a validation error',
      { name: 'ValidationException', $metadata: { httpStatusCode: 400 } },
    ],
    ['a missing table', { name: 'ResourceNotFoundException' }],
    ['denied access', { name: 'AccessDeniedException' }],
    ['a failed condition', { name: 'ConditionalCheckFailedException' }],
    ['a thrown string', 'ECONNRESET'],
    ['nothing', undefined],
  ])('does not count %s as transient', (_case, error) => {
    expect(transientDynamoDbErrorKind(error)).toBeUndefined();
    expect(isTransientDynamoDbError(error)).toBe(false);
  });
});

describe('isConditionalCheckFailed', () => {
  it('tells a failed condition from other errors', () => {
    expect(
      isConditionalCheckFailed({ name: 'ConditionalCheckFailedException' }),
    ).toBe(true);
    expect(isConditionalCheckFailed(new Error('boom'))).toBe(false);
    expect(isConditionalCheckFailed(undefined)).toBe(false);
  });
});
