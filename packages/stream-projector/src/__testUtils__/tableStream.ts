import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { openTableStream as openChangeStream } from '@workflow-orders/test-utils';
import type { DynamoDBRecord } from 'aws-lambda';

/** The bench's reader of a table's real stream: the tests' reader, its records in Lambda's types. */
export async function openTableStream(
  clientConfig: DynamoDBClientConfig,
  tableName: string,
) {
  const stream = await openChangeStream(clientConfig, tableName);
  return {
    streamArn: stream.streamArn,
    read: async (options?: { atLeast?: number }) =>
      (await stream.read(options)) as DynamoDBRecord[],
    stop: stream.stop,
  };
}
