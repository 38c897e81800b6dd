import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import type { ResolvedOptions } from '../options';
import { createClock, toItem, type OrderItem } from '../orderItem';
import { messageOf, readOrder } from '../readOrder';
import { RetriesExhaustedError } from '../retry';
import type { QueuedOrder } from '../writeOrder';
import { atExit } from './atExit';
import { createKeeper } from './keeper';
import { replaySpillFiles } from './replaySpillFiles';
import { spillDirectoryOf } from './stateDirectory';

/** What keeping needs of its recorder. */
export interface KeepingOptions {
  readonly settings: ResolvedOptions;
  /** The recorder's counters; keeping adds to `kept` and `replayed`. */
  readonly counts: { kept: number; replayed: number };
  /** The orders queued or being written. */
  readonly pendingOrders: () => Iterable<QueuedOrder>;
  /** Whether the queue has room for a replayed order. */
  readonly hasRoom: () => boolean;
  /** Queues an order. */
  readonly enqueue: (order: QueuedOrder) => void;
}

/** How the recorder tells keeping what became of its orders. */
export interface Keeping {
  /** Keeps an order that was not queued (the queue was full). */
  keep(item: OrderItem, reason: string): void;
  /** An order was stored, or found stored. */
  settled(item: OrderItem): void;
  /** An order ran out of tries, or was refused. */
  failed(item: OrderItem, error: unknown): void;
  /** A flush reached its deadline with orders pending. */
  flushTimedOut(): void;
  /** Keeps the pending orders at exit; the recorder holds it, which keeps its registration alive. */
  readonly onExit: () => void;
}

const waitForRoom = () =>
  new Promise<void>(resolve => setTimeout(resolve, 25).unref());

/**
 * Keeps what the recorder could not store and brings it back: orders dropped or failed, and those
 * still pending when the process exits, go to the state directory's spill file (or, with none, as in
 * AWS Lambda, to the log, pending ones at each flush deadline); a recorder with a state directory
 * replays the spill files it finds there in the background, through its own queue.
 */
export function startKeeping(options: KeepingOptions): Keeping {
  const { settings, counts } = options;
  const keeper = createKeeper({
    stateDirectory: settings.stateDirectory,
    maxSpillBytes: settings.maxSpillBytes,
    tableName: settings.tableName,
    logger: settings.logger,
  });
  const keep = (item: OrderItem, reason: string) => {
    if (keeper.keep(item, reason)) counts.kept += 1;
  };
  const replayed = new Map<OrderItem, () => void>();
  const settled = (item: OrderItem) => {
    replayed.get(item)?.();
    replayed.delete(item);
  };
  const keepPending = (reason: string) => {
    for (const { item } of options.pendingOrders()) keep(item, reason);
  };
  const onExit = () => {
    keepPending('still pending when the process exited');
    keeper.close();
  };
  atExit(onExit);

  if (settings.stateDirectory !== false) {
    const clock = createClock();
    const directory = spillDirectoryOf(
      settings.stateDirectory,
      settings.tableName,
    );
    setImmediate(() => {
      void replaySpillFiles(directory, {
        readItem: order => {
          const { ttl: _ttl, ...fields } = order;
          if (typeof fields.id !== 'string') return 'id: is required';
          const read = readOrder(fields);
          if (read.error) return read.error.message;
          const item = toItem(read.order, 'replay', clock);
          const oldest = Date.now() / 1000 - ORDER_RETENTION_SECONDS;
          return item.placed_at < oldest
            ? 'placed more than 7 days ago, past the table’s retention'
            : item;
        },
        room: async () => {
          while (!options.hasRoom()) await waitForRoom();
        },
        store: item =>
          new Promise<void>(resolve => {
            replayed.set(item, resolve);
            counts.replayed += 1;
            options.enqueue({ item, mayBeStored: false });
          }),
        problem: message => {
          try {
            settings.logger.warn(`workflow-orders: ${message}`);
          } catch {
            /* the log sink is down */
          }
        },
      });
    }).unref();
  }

  return {
    keep,
    settled,
    failed: (item, error) => {
      // A replayed order DynamoDB refuses outright would be refused again on every replay.
      const again = replayed.has(item);
      if (!again || error instanceof RetriesExhaustedError) {
        keep(item, `not stored: ${messageOf(error)}`);
      }
      settled(item);
    },
    flushTimedOut: () => {
      // With a spill file, pending orders are kept at exit, if they are still pending then.
      if (settings.stateDirectory === false)
        keepPending('flush deadline reached');
    },
    onExit,
  };
}
