import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { lambdaImageOf } from './lambdaRecords';

/** A reader of a table's real DynamoDB stream, handing out what Lambda would deliver. */
export interface TableStream {
  /** The stream's ARN. */
  readonly streamArn: string;
  /**
   * The records written since the previous read (since the stream began, the first time), in
   * Lambda's event shape, waiting until at least `atLeast` of them have arrived.
   */
  read(options?: { atLeast?: number }): Promise<DynamoDBRecord[]>;
  stop(): void;
}

/** A record of the Streams API as the Lambda event source mapping delivers it. */
function lambdaRecordOf(
  record: StreamApiRecord,
  streamArn: string,
): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: stream.ApproximateCreationDateTime
        ? stream.ApproximateCreationDateTime.getTime() / 1000
        : undefined,
      Keys: lambdaImageOf(stream.Keys),
      NewImage: lambdaImageOf(stream.NewImage),
      OldImage: lambdaImageOf(stream.OldImage),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
  };
}

/**
 * Opens the stream of `tableName` with the Streams API (DescribeStream, GetShardIterator,
 * GetRecords), as Lambda's event source mapping reads it.
 */
export async function openTableStream(
  clientConfig: DynamoDBClientConfig,
  tableName: string,
): Promise<TableStream> {
  const dynamo = new DynamoDBClient(clientConfig);
  const { Table } = await dynamo.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  dynamo.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient(clientConfig);
  // Per shard, where the next read starts.
  const iterators = new Map<string, string | undefined>();

  const readOnce = async () => {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn }),
    );
    const records: DynamoDBRecord[] = [];
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
    async read({ atLeast = 0 } = {}) {
      const records: DynamoDBRecord[] = [];
      const deadline = Date.now() + 10_000;
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
