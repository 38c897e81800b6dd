import { formatUnstoredLine } from '@workflow-orders/table';
import type { OrderRecorderLogger } from '../options';
import type { OrderItem } from '../orderItem';
import { SpillFile } from './spillFile';
import { spillDirectoryOf } from './stateDirectory';

/** Keeps the orders a recorder could not store, so that they can be stored later. */
export interface Keeper {
  /** Keeps `item`, not stored because of `reason`; false when it was kept before. Never throws. */
  keep(item: OrderItem, reason: string): boolean;
  /** Writes what is queued; synchronous, for the process's `exit` event. */
  close(): void;
}

/**
 * A keeper that appends to a spill file in `stateDirectory` (one file per process, bounded by
 * `maxSpillBytes`), or, without a state directory (AWS Lambda) or once the file is full or cannot
 * be written, logs one line per order: `WORKFLOW_ORDERS_UNSTORED {...}`, which `table:replay`
 * reads back from the log.
 */
export function createKeeper(options: {
  stateDirectory: string | false;
  maxSpillBytes: number;
  tableName: string;
  logger: OrderRecorderLogger;
}): Keeper {
  const { logger, tableName } = options;
  const keptItems = new WeakSet<OrderItem>();
  const say = (level: 'warn' | 'error', message: string) => {
    try {
      logger[level](message);
    } catch {
      /* the log sink is down; the counters still tell */
    }
  };
  const toLog = (line: string) => say('error', line);

  let announced = false;
  let full = false;
  const spill =
    options.stateDirectory === false
      ? undefined
      : new SpillFile({
          directory: spillDirectoryOf(options.stateDirectory, tableName),
          maxBytes: options.maxSpillBytes,
          onUnwritten: (lines, error) => {
            say(
              'error',
              `workflow-orders: cannot write the spill file (${error.message}); the orders it would hold follow in this log, one line each, for table:replay`,
            );
            lines.forEach(toLog);
          },
        });

  const keep = (item: OrderItem, reason: string) => {
    if (keptItems.has(item)) return false;
    keptItems.add(item);
    const line = formatUnstoredLine({ table: tableName, reason, order: item });
    if (!spill || full || !spill.append(line)) {
      if (spill && !full && !spill.broken) {
        full = true;
        say(
          'error',
          `workflow-orders: the spill file reached its bound of ${options.maxSpillBytes} bytes (maxSpillBytes); orders not stored from now on are written to this log instead, one line each, for table:replay`,
        );
      }
      toLog(line);
      return true;
    }
    if (!announced) {
      announced = true;
      // The path exists once the first batch is written, on the next turn of the loop.
      setImmediate(() =>
        say(
          'warn',
          `workflow-orders: orders that could not be stored are kept in ${spill.path ?? 'the state directory'}; the next recorder with this state directory stores them`,
        ),
      ).unref();
    }
    return true;
  };

  return { keep, close: () => spill?.close() };
}
