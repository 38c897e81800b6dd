/**
 * The stream projector: an AWS Lambda handler of the `workflow_orders` table's DynamoDB stream that
 * makes every order, whoever wrote it, its workflow's latest order unless a newer one is there.
 *
 * @packageDocumentation
 */

export { createLatestOrderProjector } from './createLatestOrderProjector';
export type {
  LatestOrderProjector,
  LatestOrderProjectorStats,
} from './createLatestOrderProjector';
export { handler } from './handler';
export { LatestOrderProjectionError } from './errors';
export type {
  LatestOrderProjectorLogger,
  LatestOrderProjectorOptions,
  LatestOrderProjectorOptionsBase,
  LatestOrderProjectorOptionsWithClient,
  LatestOrderProjectorOptionsWithClientConfig,
} from './options';
