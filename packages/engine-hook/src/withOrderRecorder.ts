import type { Context } from 'aws-lambda';
import type { OrderRecorder } from './types';
import { runInInvocation } from './executionContext';

/** Options of {@link withOrderRecorder}. @public */
export interface WithOrderRecorderOptions {
  /**
   * Time kept back from the invocation's remaining time, for the handler's own return.
   *
   * @defaultValue 500
   */
  readonly safetyMarginMs?: number;
}

/** A Lambda handler in its promise form. @public */
export type OrderRecordingHandler<TEvent, TResult> = (
  event: TEvent,
  context: Context,
) => Promise<TResult> | TResult;

/** The shortest flush, even when the invocation is nearly out of time. */
const MIN_FLUSH_MS = 50;

/**
 * Wraps a Lambda handler so that orders recorded during the invocation carry its function name and
 * request id, and are flushed before the handler returns or throws, within the time the invocation
 * has left.
 *
 * @public
 */
export function withOrderRecorder<TEvent, TResult>(
  recorder: OrderRecorder,
  handler: OrderRecordingHandler<TEvent, TResult>,
  options: WithOrderRecorderOptions = {},
): (event: TEvent, context: Context) => Promise<TResult> {
  const safetyMarginMs = options.safetyMarginMs ?? 500;
  if (!Number.isFinite(safetyMarginMs) || safetyMarginMs < 0) {
    throw new TypeError(
      `Expected \`safetyMarginMs\` to be a non-negative number, got ${safetyMarginMs}`,
    );
  }

  return (event, context) =>
    runInInvocation(context, async () => {
      try {
        return await handler(event, context);
      } finally {
        const remaining = context.getRemainingTimeInMillis();
        await recorder.flush({
          timeoutMs: Math.max(MIN_FLUSH_MS, remaining - safetyMarginMs),
        });
      }
    });
}
