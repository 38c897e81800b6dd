import {
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { ChangeRecord } from '@workflow-orders/test-utils';

/**
 * Reads the whole stream of `tableName` on AWS DynamoDB Local with the Streams API, as Lambda's
 * event source mapping reads it, until at least `atLeast` records have come (10 s at most); the
 * records in Lambda's shape.
 */
export async function readTableStream(
  clientConfig: DynamoDBClientConfig,
  tableName: string,
  atLeast: number,
): Promise<ChangeRecord[]> {
  const dynamo = new DynamoDBClient(clientConfig);
  const { Table } = await dynamo.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  dynamo.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient(clientConfig);
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const records: ChangeRecord[] = [];
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        let { ShardIterator: iterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId!,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        );
        while (iterator) {
          const page = await streams.send(
            new GetRecordsCommand({ ShardIterator: iterator }),
          );
          for (const record of page.Records ?? []) {
            const stream = record.dynamodb!;
            records.push({
              ...(record as unknown as ChangeRecord),
              eventSourceARN: streamArn,
              dynamodb: {
                ...(stream as unknown as ChangeRecord['dynamodb']),
                ApproximateCreationDateTime:
                  stream.ApproximateCreationDateTime!.getTime() / 1000,
              },
            });
          }
          iterator = page.NextShardIterator;
          if ((page.Records ?? []).length === 0) break;
        }
      }
      if (records.length >= atLeast || Date.now() > deadline) return records;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  } finally {
    streams.destroy();
  }
}
