import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  replayUnstoredOrders,
  type ReplayUnstoredOrdersResult,
} from './replayUnstoredOrders';

/** The `replay` part of the command line's usage. */
export const REPLAY_USAGE = `  workflow-orders-table replay [--endpoint URL] [--region REGION] [--table NAME] [--input FILE]
      Stores the orders a recorder could not store, from the lines it kept: a spill file, or an
      AWS Lambda function's log (a CloudWatch Logs export, or the output of
      aws logs filter-log-events, JSON or text). Reads FILE, or standard input without --input
      or with --input -. Each order lands once, however often it is replayed. Lines that are not
      an unstored order are passed over; invalid ones are listed with their line numbers.
      Needs PutItem, GetItem and UpdateItem.`;

/** The command line options of `replay`, for parseArgs. */
export const REPLAY_OPTIONS = { input: { type: 'string' } } as const;

/** Problems listed on the terminal; the counts cover all of them. */
const LISTED_PROBLEMS = 20;

function summary(result: ReplayUnstoredOrdersResult): string {
  const lines = [
    `table ${result.tableName}: ${result.stored} orders stored, ` +
      `${result.alreadyPresent} already present, ${result.invalid} invalid` +
      `${result.otherTable ? `, ${result.otherTable} of another table left alone` : ''}` +
      `; ${result.foreign} other lines passed over`,
  ];
  for (const { line, problem } of result.problems.slice(0, LISTED_PROBLEMS)) {
    lines.push(`  line ${line}: ${problem}`);
  }
  if (result.invalid > LISTED_PROBLEMS) {
    lines.push(`  and ${result.invalid - LISTED_PROBLEMS} more`);
  }
  return lines.join('\n');
}

/**
 * Runs `replay`: exit code 0 when every unstored order found is in the table now, 1 when some
 * could not be stored (they are listed), 2 when the input cannot be read.
 */
export async function runReplayCommand(
  client: DynamoDBClient,
  values: { table?: unknown; input?: unknown },
): Promise<number> {
  const path = typeof values.input === 'string' ? values.input : '-';
  const input = path === '-' ? process.stdin : createReadStream(path, 'utf8');
  try {
    const result = await replayUnstoredOrders({
      client,
      tableName: typeof values.table === 'string' ? values.table : undefined,
      lines: createInterface({ input, crlfDelay: Infinity }),
    });
    process.stdout.write(`${summary(result)}\n`);
    return result.invalid > 0 ? 1 : 0;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    process.stderr.write(
      `Could not replay ${path === '-' ? 'standard input' : path}: ${message}\n`,
    );
    return code ? 2 : 1;
  } finally {
    client.destroy();
  }
}
