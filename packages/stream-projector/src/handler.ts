import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import {
  createLatestOrderProjector,
  type LatestOrderProjector,
} from './createLatestOrderProjector';

let projector: LatestOrderProjector | undefined;

/**
 * The Lambda entry point: the stream projector of the table named by `WORKFLOW_ORDERS_TABLE`
 * (`workflow_orders` when unset), in the function's region, created on the first invocation and
 * reused by the container's later ones.
 *
 * @public
 */
export function handler(
  event: DynamoDBStreamEvent,
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  projector ??= createLatestOrderProjector();
  return projector(event, context);
}
