/**
 * Records the orders a trading workflow places into DynamoDB, from AWS Lambda or a CLI, without
 * ever slowing down or breaking the engine.
 *
 * @packageDocumentation
 */

export { createOrderRecorder } from './createOrderRecorder';
export type {
  FlushOptions,
  FlushResult,
  OrderRecorder,
  RecorderStats,
} from './types';
export { withOrderRecorder } from './withOrderRecorder';
export type {
  OrderRecordingHandler,
  WithOrderRecorderOptions,
} from './withOrderRecorder';
export type {
  OrderRecorderLogger,
  OrderRecorderOptions,
  OrderRecorderOptionsBase,
  OrderRecorderOptionsWithClient,
  OrderRecorderOptionsWithClientConfig,
} from './options';
export {
  InvalidOrderError,
  OrderRecorderError,
  OrderWriteError,
  QueueFullError,
} from './errors';
