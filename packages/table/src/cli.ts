/**
 * The `workflow-orders-table` command line, for the package's bin.
 *
 * @packageDocumentation
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  backendReadPolicy,
  engineWritePolicy,
  ordersTableTemplate,
  streamProjectorPolicy,
} from './deploy';
import {
  BACKFILL_OPTIONS,
  BACKFILL_USAGE,
  runBackfillCommand,
} from './backfill/backfillCommand';
import { ensureOrdersTable } from './ensureOrdersTable';
import {
  REPLAY_OPTIONS,
  REPLAY_USAGE,
  runReplayCommand,
} from './unstored/replayCommand';

const USAGE = `Usage:
  workflow-orders-table create [--endpoint URL] [--region REGION] [--table NAME]
      Creates the orders table with its id index, latest-orders index and stream, and turns on TTL;
      adds what an existing table lacks. Safe to repeat.
      Without --endpoint it talks to AWS with the default credentials and region.
${BACKFILL_USAGE}
${REPLAY_USAGE}
  workflow-orders-table render [--out DIR]
      Writes the CloudFormation template and the engine and backend IAM policies.`;

/** The deployment files {@link main} `render` writes, by file name. @public */
export function deploymentFiles(): Record<string, unknown> {
  return {
    'workflow-orders-table.cfn.json': ordersTableTemplate(),
    'engine-write-policy.json': engineWritePolicy(),
    'backend-read-policy.json': backendReadPolicy(),
    'stream-projector-policy.json': streamProjectorPolicy(),
  };
}

/** Runs the `workflow-orders-table` command line; returns the exit code. @public */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        table: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
        ...BACKFILL_OPTIONS,
        ...REPLAY_OPTIONS,
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  const endpoint = values.endpoint as string | undefined;
  const clientOf = () =>
    new DynamoDBClient({
      endpoint,
      region:
        (values.region as string | undefined) ??
        process.env.AWS_REGION ??
        (endpoint ? 'us-east-1' : undefined),
      ...(endpoint && !process.env.AWS_ACCESS_KEY_ID
        ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });

  if (command === 'create') {
    const client = clientOf();
    try {
      const result = await ensureOrdersTable({
        client,
        tableName: values.table as string | undefined,
      });
      const ttl = {
        enabled: 'enabled',
        'already-enabled': 'enabled already',
        unsupported:
          'not supported by this DynamoDB engine (AWS and DynamoDB Local have it)',
      }[result.ttl];
      process.stdout.write(
        `table ${result.tableName}: ${result.table}; id index: ${result.idIndex}; ` +
          `latest-orders index: ${result.latestIndex}` +
          `${result.latestIndex === 'added' ? ' (run backfill to put existing latest orders in it)' : ''}; ` +
          `TTL: ${ttl}\n`,
      );
      return 0;
    } catch (error) {
      process.stderr.write(
        `Could not create the table: ${(error as Error).name}: ${(error as Error).message}\n`,
      );
      return 1;
    } finally {
      client.destroy();
    }
  }

  if (command === 'backfill') return runBackfillCommand(clientOf(), values);

  if (command === 'replay') return runReplayCommand(clientOf(), values);

  if (command === 'render') {
    const out = (values.out as string | undefined) ?? 'deploy';
    mkdirSync(out, { recursive: true });
    for (const [name, content] of Object.entries(deploymentFiles())) {
      writeFileSync(join(out, name), `${JSON.stringify(content, null, 2)}\n`);
      process.stdout.write(`wrote ${join(out, name)}\n`);
    }
    return 0;
  }

  process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
  return 2;
}
