import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Runs Debian's `aws` command with dummy credentials, as a person following the quickstart would
 * against an embedded DynamoDB (`--endpoint-url`).
 */
export async function awsCli(
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await promisify(execFile)('aws', args, {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_REGION: 'us-east-1',
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'The aws command is not on PATH; install it with: apt-get install -y awscli',
      );
    }
    throw error;
  }
}

/** Puts one item, in the DynamoDB JSON the AWS CLI takes, with `aws dynamodb put-item`. */
export async function awsCliPutItem(options: {
  endpoint: string;
  tableName: string;
  item: Record<string, AttributeValue>;
}): Promise<void> {
  await awsCli([
    'dynamodb',
    'put-item',
    '--endpoint-url',
    options.endpoint,
    '--table-name',
    options.tableName,
    '--item',
    JSON.stringify(options.item),
  ]);
}
