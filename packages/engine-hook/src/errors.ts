/**
 * Base of every error the recorder reports through `onError`. The recorder never throws these into
 * the engine; they describe why an order was not stored.
 *
 * @public
 */
export class OrderRecorderError extends Error {
  /** Id of the order concerned, when it had one. */
  readonly orderId?: string;
  /** Workflow of the order concerned, when it was known. */
  readonly workflowId?: string;

  constructor(
    message: string,
    options?: ErrorOptions & { orderId?: string; workflowId?: string },
  ) {
    super(message, options);
    this.name = 'OrderRecorderError';
    this.orderId = options?.orderId;
    this.workflowId = options?.workflowId;
  }
}

/**
 * The order failed validation or could not be read, and was not written; the message names the
 * field.
 *
 * @public
 */
export class InvalidOrderError extends OrderRecorderError {
  /** `InvalidOrderError`, whatever a bundler renames the class to. */
  override readonly name = 'InvalidOrderError';
}

/**
 * The queue held `maxQueue` orders already, so this one was dropped.
 *
 * @public
 */
export class QueueFullError extends OrderRecorderError {
  /** `QueueFullError`, whatever a bundler renames the class to. */
  override readonly name = 'QueueFullError';
}

/**
 * DynamoDB refused the order, or kept failing until its retries or deadline ran out; `cause` holds
 * the last error from the client.
 *
 * @public
 */
export class OrderWriteError extends OrderRecorderError {
  /** `OrderWriteError`, whatever a bundler renames the class to. */
  override readonly name = 'OrderWriteError';
}
