import { isConditionalCheckFailed } from '../dynamoDbErrors';

/**
 * What came of sending one request: the answer, and whether an earlier attempt that failed may still
 * have reached DynamoDB (its answer lost or abandoned), so a conditional write may have found its own
 * earlier write.
 *
 * @public
 */
export interface Sent<T> {
  /** The answer of the attempt that succeeded. */
  readonly value: T;
  /** An attempt before it failed in a way that may still have reached DynamoDB. */
  readonly uncertain: boolean;
}

/**
 * Sends one request the caller's way: its retries, timeouts and abort signal around `attempt`.
 * Rejects with the error that made it give up.
 *
 * @public
 */
export type RequestRunner = <T>(
  attempt: (abortSignal: AbortSignal | undefined) => Promise<T>,
) => Promise<Sent<T>>;

/** Sends each request once, with no abort signal: for callers whose client retries on its own. @public */
export const sendOnce: RequestRunner = async attempt => ({
  value: await attempt(undefined),
  uncertain: false,
});

/** Sends a conditional write; a failed condition is an answer, not an error: it comes back as `refused`. */
export function sendConditionally<const A, const B>(
  run: RequestRunner,
  send: (abortSignal: AbortSignal | undefined) => Promise<unknown>,
  done: A,
  refused: B,
): Promise<Sent<A | B>> {
  return run(async abortSignal => {
    try {
      await send(abortSignal);
      return done;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return refused;
      throw error;
    }
  });
}
