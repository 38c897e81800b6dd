import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync } from 'node:fs';
import { ordersTable } from '../table';
import { BackfillCheckpointError } from './checkpoint';
import { backfillLatestOrders } from './index';
import type { BackfillLatestOrdersResult } from './options';
import type { BackfillProgress } from './progress';
import { createProgressDisplay, type ProgressDisplay } from './progressDisplay';

/** The `backfill` part of the command line's usage. */
export const BACKFILL_USAGE = `  workflow-orders-table backfill [--endpoint URL] [--region REGION] [--table NAME]
          [--segments N] [--max-rcu N] [--dry-run] [--checkpoint FILE]
      Writes each workflow's latest-order item from its newest order of the last 7 days where the
      item is missing or older: run once after moving from the original engine, or after writing
      orders around the recorder, and puts items written before the latest-orders index in it (run
      it after create added that index). Scans the table; needs Scan, UpdateItem and DescribeTable
      (BatchGetItem for --dry-run). Safe while engines record: it never replaces a newer order.
      --segments N       parallel Scan segments read at once (default 4)
      --max-rcu N        keep the Scan at or under N read capacity units a second, on average
                         (default: as fast as DynamoDB answers)
      --dry-run          scan and count what would be written; write nothing
      --checkpoint FILE  where progress is saved (default .workflow-orders-backfill-<table>.json
                         here); Ctrl-C stops and saves it, the same command continues from it
      Progress goes to stderr: a bar on a terminal, otherwise a line every 10 s.`;

/** The command line options of `backfill`, for parseArgs. */
export const BACKFILL_OPTIONS = {
  segments: { type: 'string' },
  'max-rcu': { type: 'string' },
  'dry-run': { type: 'boolean' },
  checkpoint: { type: 'string' },
} as const;

/** The checkpoint file the command line uses for `tableName` when none is named. */
export function defaultCheckpointFile(tableName: string): string {
  return `.workflow-orders-backfill-${tableName}.json`;
}

/** The exit code of a command stopped by Ctrl-C, as shells report it (128 + SIGINT). */
const STOPPED_EXIT_CODE = 130;

/**
 * Until the returned function is called, the first SIGINT or SIGTERM says on `display` that the
 * backfill stops, and aborts `controller`; a second one releases the terminal (a progress bar hides
 * the cursor) and exits at once.
 */
export function stopOnSignals(options: {
  controller: AbortController;
  display: ProgressDisplay;
  dryRun: boolean;
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  exit?: (code: number) => void;
}): () => void {
  const { controller, display, dryRun } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? (code => process.exit(code));
  const stop = () => {
    if (controller.signal.aborted) {
      display.finish(undefined);
      exit(STOPPED_EXIT_CODE);
      return;
    }
    display.message(
      dryRun
        ? '\nStopping after the pages in flight (again to quit now).\n'
        : '\nStopping after the pages in flight, then saving the checkpoint (again to quit now, ' +
            'keeping the checkpoint saved before).\n',
    );
    controller.abort();
  };
  signals.on('SIGINT', stop);
  signals.on('SIGTERM', stop);
  return () => {
    signals.off('SIGINT', stop);
    signals.off('SIGTERM', stop);
  };
}

function summary(result: BackfillLatestOrdersResult): string {
  const found =
    `${result.orders} orders of the last 7 days in ${result.workflows} workflows` +
    `${result.malformed ? ` (${result.malformed} malformed items left alone)` : ''}`;
  if (result.dryRun) {
    return (
      `table ${result.tableName} (dry run, nothing written): ${found}; ` +
      `latest-order items to write: ${result.written}, already current: ${result.current}`
    );
  }
  return (
    `table ${result.tableName}: ${found}; ` +
    `latest-order items written: ${result.written}, already current: ${result.current}` +
    ` (of which put in the latest-orders index: ${result.indexed})`
  );
}

function positiveNumber(flag: string, value: unknown, whole: boolean) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (whole && !Number.isInteger(n))) {
    throw new RangeError(
      `${flag} must be ${whole ? 'a whole number' : 'a number'} above 0, got "${value}"`,
    );
  }
  return n;
}

/**
 * Runs `backfill` with `client` (destroyed after it): progress on stderr, the summary on stdout.
 * SIGINT or SIGTERM stops it after the Scan pages in flight and saves the checkpoint (exit 130); a
 * second one exits at once, leaving the checkpoint saved before.
 */
export async function runBackfillCommand(
  client: DynamoDBClient,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const { stdout, stderr } = process;
  let segments: number | undefined;
  let maxReadUnits: number | undefined;
  try {
    segments = positiveNumber('--segments', values.segments, true);
    maxReadUnits = positiveNumber('--max-rcu', values['max-rcu'], false);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    client.destroy();
    return 2;
  }
  const tableName =
    (values.table as string | undefined) ?? ordersTable.defaultName;
  const checkpointFile =
    (values.checkpoint as string | undefined) ??
    defaultCheckpointFile(tableName);
  const dryRun = Boolean(values['dry-run']);

  const controller = new AbortController();
  const display = createProgressDisplay(stderr);
  const releaseSignals = stopOnSignals({ controller, display, dryRun });
  let last: BackfillProgress | undefined;
  const onProgress = (progress: BackfillProgress) => {
    if (!last && progress.resumed) {
      stderr.write(
        `Continuing from ${checkpointFile}: ${progress.scanned.toLocaleString('en-US')} items scanned before.\n`,
      );
    }
    last = progress;
    display.update(progress);
  };
  try {
    const result = await backfillLatestOrders({
      client,
      tableName,
      segments,
      maxReadUnits,
      dryRun,
      checkpointFile,
      signal: controller.signal,
      onProgress,
    });
    display.finish(last, result.stopped);
    stdout.write(`${summary(result)}\n`);
    if (!result.stopped) return 0;
    stderr.write(
      result.checkpointFile
        ? `Stopped. Progress is saved in ${result.checkpointFile}; run the same command again to continue.\n`
        : 'Stopped; the counts are of what was scanned.\n',
    );
    return STOPPED_EXIT_CODE;
  } catch (error) {
    display.finish(undefined);
    if (error instanceof BackfillCheckpointError) {
      stderr.write(`${error.message}\n`);
      return 1;
    }
    stderr.write(
      `Could not backfill the latest orders: ${(error as Error).name}: ${(error as Error).message}\n`,
    );
    if (!dryRun && existsSync(checkpointFile)) {
      stderr.write(
        `Progress is saved in ${checkpointFile}; run the same command again to continue.\n`,
      );
    }
    return 1;
  } finally {
    releaseSignals();
    client.destroy();
  }
}
