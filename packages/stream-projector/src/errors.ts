/**
 * A stream record whose order could not be made its workflow's latest order. The record is reported
 * in `batchItemFailures`, so Lambda tries it again; `cause` holds the error from DynamoDB.
 *
 * @public
 */
export class LatestOrderProjectionError extends Error {
  /** The stream record's sequence number, which Lambda retries from. */
  readonly sequenceNumber?: string;
  /** Workflow of the order. */
  readonly workflowId: string;
  /** Id of the order. */
  readonly orderId: string;
  /** Whether DynamoDB failed in a way another try is expected to fix (throttling, an outage). */
  readonly transient: boolean;

  constructor(
    message: string,
    options: ErrorOptions & {
      sequenceNumber?: string;
      workflowId: string;
      orderId: string;
      transient: boolean;
    },
  ) {
    super(message, options);
    this.name = 'LatestOrderProjectionError';
    this.sequenceNumber = options.sequenceNumber;
    this.workflowId = options.workflowId;
    this.orderId = options.orderId;
    this.transient = options.transient;
  }
}
