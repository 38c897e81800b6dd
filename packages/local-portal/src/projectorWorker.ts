/*
 * The stream projector's container: a worker thread that runs the Lambda handler of
 * @workflow-orders/stream-projector as it is, configured by the environment the portal gives the
 * thread (WORKFLOW_ORDERS_TABLE, AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, credentials), one
 * invocation per message. Like Lambda's runtime, it adds to the function's log lines what the
 * runtime knows: here the keys of the record a line names by its sequence number.
 */
import { handler } from '@workflow-orders/stream-projector';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { parentPort } from 'node:worker_threads';

/** Keys of the records being handled, by sequence number. */
const keysBySequence = new Map<string, unknown>();

for (const level of ['warn', 'error'] as const) {
  const write = console[level].bind(console);
  console[level] = (message?: unknown, ...rest: unknown[]) => {
    const [meta] = rest;
    const sequenceNumber = (meta as { sequenceNumber?: string } | undefined)
      ?.sequenceNumber;
    const keys = sequenceNumber
      ? keysBySequence.get(sequenceNumber)
      : undefined;
    if (keys && rest.length === 1) {
      write(message, { ...(meta as object), keys });
    } else {
      write(message, ...rest);
    }
  };
}

parentPort!.on(
  'message',
  async ({ id, event }: { id: number; event: DynamoDBStreamEvent }) => {
    for (const record of event.Records) {
      keysBySequence.set(
        record.dynamodb!.SequenceNumber!,
        JSON.stringify(record.dynamodb!.Keys),
      );
    }
    try {
      const response = await handler(event);
      parentPort!.postMessage({ id, response });
    } catch (error) {
      parentPort!.postMessage({
        id,
        error: (error as Error)?.message ?? String(error),
      });
    } finally {
      for (const record of event.Records) {
        keysBySequence.delete(record.dynamodb!.SequenceNumber!);
      }
    }
  },
);
