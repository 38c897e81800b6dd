import {
  isTransientDynamoDbError,
  type RequestRunner,
  type Sent,
} from '@workflow-orders/table';

/** How one request to DynamoDB is tried again. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly attemptTimeoutMs: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
}

/** Limits of one run of {@link withRetry}. */
export interface RetryLimits {
  /** Epoch milliseconds after which no new attempt starts. */
  readonly deadline: number;
  /** Aborted when a flush reaches its deadline: the attempt in flight is abandoned at once. */
  readonly stop: AbortSignal;
}

/** The flush deadline interrupted the work; the order goes back to the queue. */
export class StoppedError extends Error {
  /** An attempt before the interruption, or the one it abandoned, may have reached DynamoDB. */
  readonly uncertain: boolean;

  constructor(uncertain: boolean) {
    super('The flush deadline interrupted the write');
    this.name = 'StoppedError';
    this.uncertain = uncertain;
  }
}

/** Every attempt failed with a transient error, or the order's deadline passed. */
export class RetriesExhaustedError extends Error {
  constructor(message: string, options: ErrorOptions) {
    super(message, options);
    this.name = 'RetriesExhaustedError';
  }
}

/** Exponential backoff with full jitter: a random wait below a ceiling that doubles per retry. */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.retryMaxDelayMs,
    policy.retryBaseDelayMs * 2 ** retry,
  );
  return Math.floor(random() * ceiling);
}

/** Waits on an unref'ed timer, so a pending retry never keeps a CLI alive; ends early on `stop`. */
function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    timer.unref();
    stop.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, a non-transient error comes back, the attempts or the deadline
 * run out, or `stop` is aborted. Each attempt gets its own abort signal, fired at the attempt
 * timeout or on `stop`, which the DynamoDB client turns into a destroyed socket. The answer tells
 * whether an attempt before the one that answered failed in a way that may have reached DynamoDB.
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  limits: RetryLimits,
): Promise<Sent<T>> {
  let uncertain = false;
  for (let tries = 1; ; tries++) {
    if (limits.stop.aborted) throw new StoppedError(uncertain);
    const controller = new AbortController();
    const abort = () => controller.abort();
    const remaining = Math.max(1, limits.deadline - Date.now());
    const timer = setTimeout(
      abort,
      Math.min(policy.attemptTimeoutMs, remaining),
    );
    timer.unref();
    limits.stop.addEventListener('abort', abort, { once: true });
    let failure: unknown;
    try {
      return { value: await attempt(controller.signal), uncertain };
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
      limits.stop.removeEventListener('abort', abort);
    }

    const timedOut = controller.signal.aborted;
    if (!timedOut && !isTransientDynamoDbError(failure)) throw failure;
    uncertain = true;
    if (limits.stop.aborted) throw new StoppedError(uncertain);
    const wait = backoffDelay(tries - 1, policy);
    if (tries >= policy.maxAttempts || Date.now() + wait >= limits.deadline) {
      const reason = timedOut
        ? `no answer within ${policy.attemptTimeoutMs} ms`
        : String((failure as Error)?.message ?? failure);
      throw new RetriesExhaustedError(
        `gave up after ${tries} attempt${tries > 1 ? 's' : ''}: ${reason}`,
        { cause: failure },
      );
    }
    await sleep(wait, limits.stop);
  }
}

/** The {@link RequestRunner} of one order: every request retried within the order's limits. */
export function retryingRunner(
  policy: RetryPolicy,
  limits: RetryLimits,
): RequestRunner {
  return attempt => withRetry(attempt, policy, limits);
}
