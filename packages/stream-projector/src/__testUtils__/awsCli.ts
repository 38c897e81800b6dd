import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Puts one item with Debian's `aws dynamodb put-item`, as a person following the quickstart does
 * against a local DynamoDB, with dummy credentials.
 */
export async function awsCliPutItem(options: {
  endpoint: string;
  tableName: string;
  item: Record<string, AttributeValue>;
}): Promise<void> {
  await promisify(execFile)(
    'aws',
    [
      'dynamodb',
      'put-item',
      '--endpoint-url',
      options.endpoint,
      '--table-name',
      options.tableName,
      '--item',
      JSON.stringify(options.item),
    ],
    {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: 'us-east-1',
      },
    },
  );
}
