import { isTransientDynamoDbError as isTransient } from '@workflow-orders/table';
import { backoffDelay } from './retry';

const policy = {
  maxAttempts: 10,
  attemptTimeoutMs: 2000,
  retryBaseDelayMs: 25,
  retryMaxDelayMs: 1000,
};

describe('isTransient', () => {
  it.each([
    [
      'throttling',
      { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } },
    ],
    ['exceeded throughput', { name: 'ProvisionedThroughputExceededException' }],
    [
      'a 500 answer',
      { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } },
    ],
    ['a 503 answer', { name: 'Unknown', $metadata: { httpStatusCode: 503 } }],
    ['a request timeout', { name: 'TimeoutError' }],
    ['an aborted attempt', { name: 'AbortError' }],
    [
      'a reset connection',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ],
    ['a socket hang up', new Error('socket hang up')],
  ])('retries %s', (_case, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    [
      'a validation error',
      { name: 'ValidationException', $metadata: { httpStatusCode: 400 } },
    ],
    [
      'a missing table',
      { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } },
    ],
    [
      'denied access',
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } },
    ],
    ['a failed condition', { name: 'ConditionalCheckFailedException' }],
    ['a thrown string', 'boom'],
  ])('does not retry %s', (_case, error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('waits up to a ceiling that doubles per retry and stops at the maximum', () => {
    // Act
    const ceilings = [0, 1, 2, 3, 6, 12].map(retry =>
      backoffDelay(retry, policy, () => 0.999999),
    );

    // Assess
    expect(ceilings).toEqual([24, 49, 99, 199, 999, 999]);
  });

  it('waits nothing when the jitter draws zero', () => {
    expect(backoffDelay(4, policy, () => 0)).toBe(0);
  });
});
