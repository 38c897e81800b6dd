import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { expiryOf, type TableItem } from '@workflow-orders/table';
import { anOrder } from '@workflow-orders/test-utils';
import type {
  AttributeValue,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/** A value of the DynamoDB API in Lambda's JSON: binary as base64 text. */
function lambdaValueOf(value: SdkAttributeValue): AttributeValue {
  if (value.B !== undefined) {
    return { B: Buffer.from(value.B).toString('base64') };
  }
  if (value.BS !== undefined) {
    return { BS: value.BS.map(b => Buffer.from(b).toString('base64')) };
  }
  if (value.M !== undefined) return { M: lambdaImageOf(value.M)! };
  if (value.L !== undefined) return { L: value.L.map(lambdaValueOf) };
  return value as AttributeValue;
}

/** An item image of the DynamoDB or Streams API as a Lambda event carries it. */
export function lambdaImageOf(
  image: Record<string, SdkAttributeValue> | undefined,
): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, lambdaValueOf(value)]),
  );
}

/** A Lambda event of these records, as one invocation receives a batch. */
export function streamEvent(records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

let sequence = 0;

/** A stream record of `item` as Lambda delivers it, with the next sequence number. */
export function streamRecordOf(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: TableItem,
): DynamoDBRecord {
  sequence += 1;
  const image = lambdaImageOf(marshall(item, { removeUndefinedValues: true }));
  const keys = { workflow_id: image!.workflow_id, placed_at: image!.placed_at };
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

/** An order item as the recorder stores it: the sample order at `placedAt` of `workflowId`. */
export function storedOrder(
  workflowId: string,
  placedAt: number,
  overrides: TableItem = {},
): TableItem & { id: string; workflow_id: string; placed_at: number } {
  return {
    ...anOrder({ workflow_id: workflowId }),
    id: randomUUID(),
    placed_at: placedAt,
    ttl: expiryOf(placedAt),
    ...overrides,
  } as TableItem & { id: string; workflow_id: string; placed_at: number };
}
