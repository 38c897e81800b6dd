import {
  DescribeTableCommand,
  DynamoDBClient,
  type AttributeValue,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  ChangeRecord,
  WireAttributeValue,
  WireImage,
} from './changeFeed/streamRecords';

/**
 * A reader of a table's real DynamoDB stream (AWS DynamoDB Local has one, dynalite none), handing
 * out the records as Lambda's event source mapping delivers them.
 *
 * @public
 */
export interface TableStream {
  /** The stream's ARN, as the records' `eventSourceARN`. */
  readonly streamArn: string;
  /**
   * The records written since the previous read (since the stream began, the first time), waiting
   * until at least `atLeast` of them have come; fails after `timeoutMs` with fewer.
   */
  read(options?: {
    atLeast?: number;
    timeoutMs?: number;
  }): Promise<ChangeRecord[]>;
  /** Stops reading; the stream itself stays. */
  stop(): void;
}

/** A value of the DynamoDB API as a Lambda event carries it: binary as base64 text. @public */
export function wireValueOf(value: AttributeValue): WireAttributeValue {
  if (value.B !== undefined) {
    return { B: Buffer.from(value.B).toString('base64') };
  }
  if (value.BS !== undefined) {
    return { BS: value.BS.map(b => Buffer.from(b).toString('base64')) };
  }
  if (value.M !== undefined) return { M: wireImageOf(value.M) };
  if (value.L !== undefined) return { L: value.L.map(wireValueOf) };
  return value as WireAttributeValue;
}

/** An item image of the DynamoDB or Streams API as a Lambda event carries it. @public */
export function wireImageOf(image: Record<string, AttributeValue>): WireImage;
/** @public */
export function wireImageOf(
  image: Record<string, AttributeValue> | undefined,
): WireImage | undefined;
export function wireImageOf(
  image: Record<string, AttributeValue> | undefined,
): WireImage | undefined {
  if (!image) return undefined;
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, wireValueOf(value)]),
  );
}

/** A record of the Streams API as the Lambda event source mapping delivers it. */
function lambdaRecordOf(
  record: StreamApiRecord,
  streamArn: string,
): ChangeRecord {
  const stream = record.dynamodb ?? {};
  return {
    eventID: record.eventID!,
    eventName: record.eventName!,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion!,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: stream.ApproximateCreationDateTime
        ? stream.ApproximateCreationDateTime.getTime() / 1000
        : 0,
      Keys: wireImageOf(stream.Keys ?? {}),
      NewImage: wireImageOf(stream.NewImage),
      OldImage: wireImageOf(stream.OldImage),
      SequenceNumber: stream.SequenceNumber!,
      SizeBytes: stream.SizeBytes ?? 0,
      StreamViewType: stream.StreamViewType!,
    },
    ...(record.userIdentity
      ? {
          userIdentity: {
            type: 'Service' as const,
            principalId: 'dynamodb.amazonaws.com' as const,
          },
        }
      : {}),
  };
}

/**
 * Opens the stream of `tableName` with the Streams API (DescribeStream, GetShardIterator,
 * GetRecords), as Lambda's event source mapping reads it.
 *
 * @public
 */
export async function openTableStream(
  clientConfig: DynamoDBClientConfig,
  tableName: string,
): Promise<TableStream> {
  const dynamo = new DynamoDBClient(clientConfig);
  const { Table } = await dynamo
    .send(new DescribeTableCommand({ TableName: tableName }))
    .finally(() => dynamo.destroy());
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient(clientConfig);
  // Per shard, where the next read starts; undefined once a closed shard is read to its end.
  const iterators = new Map<string, string | undefined>();

  const readOnce = async () => {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn }),
    );
    const records: ChangeRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      let iterator = iterators.get(shardId);
      if (!iterators.has(shardId)) {
        ({ ShardIterator: iterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        ));
      }
      while (iterator) {
        const page = await streams.send(
          new GetRecordsCommand({ ShardIterator: iterator }),
        );
        records.push(
          ...(page.Records ?? []).map(r => lambdaRecordOf(r, streamArn)),
        );
        iterator = page.NextShardIterator;
        if ((page.Records ?? []).length === 0) break;
      }
      iterators.set(shardId, iterator);
    }
    return records;
  };

  return {
    streamArn,
    async read({ atLeast = 0, timeoutMs = 10_000 } = {}) {
      const records: ChangeRecord[] = [];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        records.push(...(await readOnce()));
        if (records.length >= atLeast) return records;
        if (Date.now() > deadline) {
          throw new Error(
            `The stream of ${tableName} gave ${records.length} records, expected at least ${atLeast}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    },
    stop: () => streams.destroy(),
  };
}
