import type { WorkflowOrderInput } from '@workflow-orders/table';
import { setMaxListeners } from 'node:events';
import { OrderRecorderError, OrderWriteError, QueueFullError } from './errors';
import { currentInvocation, processExecutionContext } from './executionContext';
import { resolveOptions, type OrderRecorderOptions } from './options';
import { createClock, describeOrder, toItem } from './orderItem';
import { Fifo } from './queue';
import { messageOf, readOrder } from './readOrder';
import { createDocumentClient } from './client';
import { startKeeping } from './keep';
import type {
  FlushOptions,
  FlushResult,
  OrderRecorder,
  RecorderStats,
} from './types';
import { createOrderWriter, type QueuedOrder } from './writeOrder';

type Counts = Omit<RecorderStats, 'pending'>;

/**
 * Creates the recorder an engine calls for each order it places. Invalid or unknown options throw a
 * `TypeError` naming the option; after that, nothing the recorder does throws into the engine.
 *
 * @public
 */
export function createOrderRecorder(
  options: OrderRecorderOptions = {},
): OrderRecorder {
  const settings = resolveOptions(options);
  const { logger, maxQueue, concurrency } = settings;
  const processContext = settings.executionContext ?? processExecutionContext();
  const counts: { -readonly [K in keyof Counts]: number } = {
    recorded: 0,
    duplicates: 0,
    failed: 0,
    dropped: 0,
    invalid: 0,
    kept: 0,
    replayed: 0,
  };
  let reported: Counts = { ...counts };
  const clock = createClock();
  const queue = new Fifo<QueuedOrder>();
  const idleWaiters = new Set<() => void>();
  let workers = 0;
  let inFlight = 0;
  let scheduled = false;
  let paused = false;
  // Every write in flight listens to the one stop signal; concurrency bounds how many do.
  const newStop = () => {
    const controller = new AbortController();
    setMaxListeners(concurrency + 1, controller.signal);
    return controller;
  };
  let stop = newStop();
  const write = settings.disabled
    ? undefined
    : createOrderWriter({
        client:
          options.client ??
          createDocumentClient(options.clientConfig, settings.attemptTimeoutMs),
        tableName: settings.tableName,
        policy: settings,
      });

  const report = (error: OrderRecorderError, level: 'warn' | 'error') => {
    // A failing logger or onError must not reach the engine, nor keep the other from hearing.
    try {
      logger[level](`workflow-orders: ${error.message}`);
    } catch {
      /* the log sink is down; onError still hears */
    }
    try {
      settings.onError?.(error);
    } catch {
      /* the engine's handler failed; the counters still tell */
    }
  };
  const pending = () => queue.length + inFlight;
  const inFlightOrders = new Set<QueuedOrder>();
  const keeping = write
    ? startKeeping({
        settings,
        counts,
        pendingOrders: () => [...inFlightOrders, ...queue.items()],
        hasRoom: () => queue.length < Math.max(1, maxQueue / 2),
        // eslint-disable-next-line @typescript-eslint/no-use-before-define -- called after creation
        enqueue: order => enqueue(order),
      })
    : undefined;
  const settleIdle = () => {
    if (pending() > 0) return;
    for (const resolve of idleWaiters) resolve();
  };

  const work = async () => {
    workers += 1;
    try {
      for (
        let order = queue.shift();
        order;
        order = paused ? undefined : queue.shift()
      ) {
        inFlight += 1;
        inFlightOrders.add(order);
        try {
          const limits = {
            deadline: Date.now() + settings.orderDeadlineMs,
            stop: stop.signal,
          };
          const written = await write!(order, limits);
          if (written.outcome === 'interrupted') queue.unshift(written.order);
          else if (written.outcome === 'recorded') counts.recorded += 1;
          else counts.duplicates += 1;
          if (written.outcome !== 'interrupted') keeping!.settled(order.item);
        } catch (error) {
          counts.failed += 1;
          keeping!.failed(order.item, error);
          report(
            new OrderWriteError(
              `${describeOrder(order.item)} not recorded: ${messageOf(error)}`,
              {
                cause: error,
                orderId: order.item.id,
                workflowId: order.item.workflow_id,
              },
            ),
            'error',
          );
        } finally {
          inFlight -= 1;
          inFlightOrders.delete(order);
        }
      }
    } finally {
      workers -= 1;
      settleIdle();
    }
  };
  const pump = () => {
    scheduled = false;
    while (!paused && workers < concurrency && queue.length > 0) void work();
  };
  const enqueue = (order: QueuedOrder) => {
    queue.push(order);
    paused = false;
    if (!scheduled) {
      scheduled = true;
      setImmediate(pump).unref();
    }
  };

  const record = (input: WorkflowOrderInput): void => {
    if (!write) return;
    try {
      const { order, error } = readOrder(input);
      if (error) {
        counts.invalid += 1;
        report(error, 'warn');
        return;
      }
      const context =
        settings.executionContext ?? currentInvocation() ?? processContext;
      const item = toItem(order, context, clock);
      if (queue.length >= maxQueue) {
        counts.dropped += 1;
        const message = `${describeOrder(order)} dropped: the queue holds ${maxQueue} orders already`;
        report(new QueueFullError(message), 'error');
        keeping!.keep(item, 'queue full');
        return;
      }
      enqueue({ item, mayBeStored: false });
    } catch (error) {
      counts.failed += 1;
      const message = `Order not recorded: ${messageOf(error)}`;
      report(new OrderRecorderError(message, { cause: error }), 'error');
    }
  };

  const flush = async (
    flushOptions: FlushOptions = {},
  ): Promise<FlushResult> => {
    const requested = flushOptions.timeoutMs ?? settings.flushTimeoutMs;
    const timeoutMs = Number.isFinite(requested)
      ? Math.max(0, requested)
      : settings.flushTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let resolveIdle: (() => void) | undefined;
    let timedOut = false;
    try {
      paused = false;
      pump();
      if (pending() > 0) {
        // This timer stays ref'ed: a CLI awaiting flush() must live until the deadline, no longer.
        timedOut = await new Promise<boolean>(resolve => {
          resolveIdle = () => resolve(false);
          idleWaiters.add(resolveIdle);
          timer = setTimeout(() => resolve(true), timeoutMs);
        });
      }
      if (timedOut) {
        paused = true;
        stop.abort();
        stop = newStop();
        // Aborted requests settle within this turn of the loop and go back to the queue.
        await new Promise(resolve => setImmediate(resolve));
        logger.warn(
          `workflow-orders: flush deadline of ${timeoutMs} ms reached with ${pending()} orders pending`,
        );
        keeping?.flushTimedOut();
      }
    } catch {
      // flush() resolves whatever happens; the counts below still tell what was stored.
    } finally {
      clearTimeout(timer);
      if (resolveIdle) idleWaiters.delete(resolveIdle);
    }
    const since = (key: keyof Counts) => counts[key] - reported[key];
    const result: FlushResult = {
      recorded: since('recorded'),
      duplicates: since('duplicates'),
      failed: since('failed'),
      dropped: since('dropped'),
      invalid: since('invalid'),
      kept: since('kept'),
      replayed: since('replayed'),
      pending: pending(),
      timedOut,
    };
    reported = { ...counts };
    return result;
  };

  return { record, flush, stats: () => ({ ...counts, pending: pending() }) };
}
