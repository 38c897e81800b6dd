import {
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ORDER_RETENTION_SECONDS } from '../orderRecord';
import { OrdersTablePersistence } from '../protocol/OrdersTablePersistence';
import { ReadCapacityBucket, systemClock } from './capacity';
import {
  assertCheckpointFits,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
} from './checkpoint';
import { LatestOrderLedger } from './latestOrderLedger';
import {
  resolveOptions,
  type BackfillLatestOrdersOptions,
  type BackfillLatestOrdersResult,
} from './options';
import { progressOf, type ProgressTallies } from './progress';
import { scanSegments, type SegmentPosition } from './scanSegments';
import { compareLatestOrders, writeLatestOrders } from './settleLatestOrders';

export type { BackfillLatestOrdersOptions, BackfillLatestOrdersResult };
export type { BackfillProgress } from './progress';
export type { BackfillClock } from './capacity';
export {
  BackfillCheckpointError,
  backfillCheckpointSchema,
  type BackfillCheckpoint,
} from './checkpoint';

/** The table's ARN, and its item count where DynamoDB keeps one (dynalite always says 0). */
async function describe(client: DynamoDBClient, tableName: string) {
  try {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    return {
      tableArn: Table?.TableArn,
      estimatedItems: Table?.ItemCount || undefined,
    };
  } catch {
    // Without DescribeTable the backfill still runs, with no estimate; the Scan names a real failure.
    return {};
  }
}

/**
 * Writes the latest-order item of every workflow whose newest order of the last 7 days is not in it:
 * workflows whose orders came from another writer (the original engine, the AWS CLI), and workflows
 * where another writer added a newer order than the recorder's; and puts the items that are current
 * but were written before the `latest-orders-index` existed in that index. Reads the table with a
 * parallel Scan (`segments` at once, paced under `maxReadUnits`), so it is an operator's tool to run
 * once after moving from the original engine, not something to schedule. Each write is the
 * recorder's own latest-order writer, so it never replaces a newer order and is safe to run while
 * engines record. With a `checkpointFile`, a run stopped by `signal` (or a failure) continues where
 * it was when run again.
 *
 * @public
 */
export async function backfillLatestOrders(
  options: BackfillLatestOrdersOptions,
): Promise<BackfillLatestOrdersResult> {
  const settings = resolveOptions(options);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const persistence = new OrdersTablePersistence({
    client: DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true },
      // Other writers may store numbers past double precision; read them rather than stop.
      unmarshallOptions: { wrapNumbers: value => Number(value) },
    }),
    tableName: options.tableName,
  });
  const { tableName } = persistence;
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  const { tableArn, estimatedItems } = await describe(
    options.client,
    tableName,
  );

  // A dry run writes nothing, not even a checkpoint.
  const file = settings.dryRun ? undefined : options.checkpointFile;
  const checkpoint = file ? await readCheckpoint(file) : undefined;
  if (file && checkpoint) {
    assertCheckpointFits(file, checkpoint, {
      tableName,
      tableArn,
      totalSegments: settings.segments,
    });
  }
  const positions: SegmentPosition[] =
    checkpoint?.segments.map(s => ({ ...s })) ??
    Array.from({ length: settings.segments }, () => ({ done: false }));
  const tallies: ProgressTallies = checkpoint
    ? { ...checkpoint.tallies }
    : { scanned: 0, orders: 0, malformed: 0, pages: 0, consumedCapacity: 0 };
  const startedFrom = { ...tallies };
  const ledger = LatestOrderLedger.fromCheckpoint(checkpoint?.workflows);

  const report = () =>
    options.onProgress?.(
      progressOf({
        tableName,
        tallies,
        startedFrom,
        estimatedItems,
        workflows: ledger.workflows,
        segmentsDone: positions.filter(p => p.done).length,
        totalSegments: settings.segments,
        elapsedMs: clock.now() - startedAt,
      }),
    );

  // Checkpoints run one at a time. Each takes the positions and tallies first, then writes the
  // latest orders of everything scanned up to them, then saves: the file never claims unwritten work.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    const snapshot = {
      segments: positions.map(p => ({ ...p })),
      tallies: { ...tallies },
    };
    saving = saving
      .catch(() => undefined)
      .then(async () => {
        await writeLatestOrders(persistence, ledger);
        if (!file) return;
        await writeCheckpoint(file, {
          version: 1,
          tableName,
          tableArn,
          totalSegments: settings.segments,
          ...snapshot,
          workflows: ledger.toCheckpoint(),
          savedAt: new Date((options.now ?? Date.now)()).toISOString(),
        });
      });
    return saving;
  };

  let pagesThisRun = 0;
  const signal = options.signal ?? new AbortController().signal;
  // A run that continues a checkpoint says where it starts from before its first page.
  if (checkpoint) report();
  try {
    await scanSegments({
      persistence,
      oldest: nowSeconds - ORDER_RETENTION_SECONDS,
      positions,
      capacity: settings.maxReadUnits
        ? {
            bucket: new ReadCapacityBucket(settings.maxReadUnits, clock),
            maxReadUnits: settings.maxReadUnits,
          }
        : undefined,
      pageSize: settings.pageSize,
      signal,
      onPage: page => {
        const found = ledger.fold(page.items, nowSeconds);
        tallies.scanned += page.scannedCount;
        tallies.orders += found.orders;
        tallies.malformed += found.malformed;
        tallies.pages += 1;
        tallies.consumedCapacity += page.consumedCapacity;
        pagesThisRun += 1;
      },
      afterPage: async () => {
        report();
        if (
          !settings.dryRun &&
          pagesThisRun % settings.checkpointEveryPages === 0
        ) {
          await save();
        }
      },
    });
  } catch (error) {
    // Keep what the segments did, so running again continues rather than starts over.
    if (!settings.dryRun && pagesThisRun > 0)
      await save().catch(() => undefined);
    throw error;
  }

  const stopped = positions.some(p => !p.done);
  if (settings.dryRun) {
    await compareLatestOrders(persistence, ledger);
  } else if (stopped) {
    await save();
  } else {
    await saving.catch(() => undefined);
    await writeLatestOrders(persistence, ledger);
    if (file) await removeCheckpoint(file);
  }
  report();

  return {
    tableName,
    orders: tallies.orders,
    malformed: tallies.malformed,
    ...ledger.counts(),
    scanned: tallies.scanned,
    consumedCapacity: tallies.consumedCapacity,
    dryRun: settings.dryRun,
    resumed: startedFrom.pages > 0,
    stopped,
    checkpointFile: stopped ? file : undefined,
  };
}
