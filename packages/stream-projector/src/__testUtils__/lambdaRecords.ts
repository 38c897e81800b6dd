import { marshall } from '@aws-sdk/util-dynamodb';
import type { TableItem } from '@workflow-orders/table';
import {
  aStoredOrder,
  wireImageOf,
  type ChangeRecord,
} from '@workflow-orders/test-utils';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/**
 * A Lambda event of these records, as one invocation receives a batch. The records of the test
 * utilities are Lambda's, in types of their own.
 */
export function streamEvent(
  records: ReadonlyArray<ChangeRecord | DynamoDBRecord>,
): DynamoDBStreamEvent {
  return { Records: records as DynamoDBRecord[] };
}

let sequence = 0;

/** A stream record of `item` as Lambda delivers it, with the next sequence number. */
export function streamRecordOf(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: TableItem,
): ChangeRecord {
  sequence += 1;
  const image = wireImageOf(marshall(item, { removeUndefinedValues: true }));
  const keys = { workflow_id: image.workflow_id, placed_at: image.placed_at };
  return {
    eventID: randomUUID(),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN:
      'arn:aws:dynamodb:us-east-1:123456789012:table/workflow_orders/stream/2026-12-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: keys,
      NewImage: eventName === 'REMOVE' ? undefined : image,
      OldImage: undefined,
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 100,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

/** An INSERT record of `item`. */
export const inserted = (item: TableItem) => streamRecordOf('INSERT', item);

/** The bench's name of the sample order as the recorder stores it. */
export const storedOrder = aStoredOrder;
