import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
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

/**
 * The test order of the quickstart, in the DynamoDB JSON a person types for `aws dynamodb put-item`:
 * whole-second `placed_at`, no execution context.
 */
export function quickstartItem(options: {
  workflowId: string;
  placedAt: number;
  id?: string;
}): Record<string, AttributeValue> {
  const { workflowId, placedAt, id = 'test-order-001' } = options;
  return {
    id: { S: id },
    workflow_id: { S: workflowId },
    workflow_name: { S: 'Test Workflow' },
    placed_at: { N: String(placedAt) },
    order_code: { S: 'FRA40.I' },
    order_price: { N: '7850.25' },
    order_quantity: { N: '10' },
    order_direction: { S: 'BUY' },
    order_type: { S: 'LIMIT' },
    ttl: { N: String(placedAt + ORDER_RETENTION_SECONDS) },
  };
}
