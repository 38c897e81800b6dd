import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import {
  OrdersTablePersistence,
  OrderWriteProtocol,
  isTransientDynamoDbError,
  sendOnce,
  type AdvanceLatestOrderResult,
  type OrderToWrite,
  type RequestRunner,
} from '@workflow-orders/table';
import pLimit from 'p-limit';
import { classifyRecord, type ClassifiedRecord } from './classifyRecord';
import { LatestOrderProjectionError } from './errors';
import { resolveOptions, type LatestOrderProjectorOptions } from './options';

/** Counts of what a projector did since it was created, by stream record. @public */
export interface LatestOrderProjectorStats {
  /** Stream records handed to the projector. */
  readonly records: number;
  /** Order records that became their workflow's latest order. */
  readonly advanced: number;
  /** Order records whose workflow's latest-order item held them, or a newer order, already. */
  readonly current: number;
  /** Removals, guard items and latest-order items, which are not orders. */
  readonly ignored: number;
  /** Order items that can never be projected (keys missing or unusable), logged and skipped. */
  readonly malformed: number;
  /** Records reported in `batchItemFailures`, for Lambda to try again. */
  readonly failed: number;
  /** UpdateItem requests sent: one per workflow per batch at most, however many of its orders. */
  readonly updates: number;
}

/**
 * A Lambda handler of the orders table's DynamoDB stream, and its counters. It answers with the
 * records that failed, for an event source mapping with `ReportBatchItemFailures`.
 *
 * @public
 */
export interface LatestOrderProjector {
  /** Projects one batch of stream records; answers with the sequence numbers of those that failed. */
  (
    event: DynamoDBStreamEvent,
    context?: Context,
  ): Promise<DynamoDBBatchResponse>;
  /** What the projector did since it was created. */
  stats(): LatestOrderProjectorStats;
}

type Outcome = 'advanced' | 'current' | 'ignored' | 'malformed';

/**
 * Creates the stream projector: for every order item a stream batch inserts or modifies, whoever
 * wrote it (the recorder, the original engine, the AWS CLI), it makes the order its workflow's
 * latest order unless a newer one is there, with the recorder's own step
 * (`OrderWriteProtocol.advanceLatestOrder`). Records of one workflow in a batch share one update,
 * of the newest of them. A record whose update fails is reported in `batchItemFailures`, so Lambda
 * tries it again while the others of the batch are kept; a malformed order item is logged, counted
 * and skipped. Create it once per container.
 *
 * @public
 */
export function createLatestOrderProjector(
  options: LatestOrderProjectorOptions = {},
): LatestOrderProjector {
  const { tableName, logger, client, concurrency } = resolveOptions(options);
  const protocol = new OrderWriteProtocol({
    persistence: new OrdersTablePersistence({ client, tableName }),
  });
  const counts = {
    records: 0,
    advanced: 0,
    current: 0,
    ignored: 0,
    malformed: 0,
    failed: 0,
    updates: 0,
  };
  const counted: RequestRunner = attempt => {
    counts.updates += 1;
    return sendOnce(attempt);
  };

  const project = async (event: DynamoDBStreamEvent, context?: Context) => {
    const classified = new Map<DynamoDBRecord, ClassifiedRecord>(
      event.Records.map(record => [record, classifyRecord(record)]),
    );
    const newest = new Map<string, OrderToWrite>();
    for (const entry of classified.values()) {
      if (entry.kind !== 'order') continue;
      const known = newest.get(entry.order.workflow_id);
      if (!known || known.placed_at < entry.order.placed_at) {
        newest.set(entry.order.workflow_id, entry.order);
      }
    }
    // Once the newest order of a workflow is its latest, so is every older one of the batch.
    // Powertools' BatchProcessor runs every record's handler at once (processInParallel defaults
    // to true), so the workflows' updates run in parallel; `limit` keeps at most `concurrency` of
    // them in flight.
    const limit = pLimit(concurrency);
    const advances = new Map<string, Promise<AdvanceLatestOrderResult>>();
    const advance = (order: OrderToWrite) => {
      let started = advances.get(order.workflow_id);
      if (!started) {
        started = limit(() => protocol.advanceLatestOrder(order, counted));
        advances.set(order.workflow_id, started);
      }
      return started;
    };

    const projectRecord = async (record: DynamoDBRecord): Promise<Outcome> => {
      const entry = classified.get(record) ?? classifyRecord(record);
      if (entry.kind === 'ignored') return 'ignored';
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (entry.kind === 'malformed') {
        // Counted here, so that the log line carries the count it makes.
        counts.malformed += 1;
        logger.warn(
          `Skipped a stream record of ${tableName} that cannot be projected: ${entry.reason}`,
          { sequenceNumber, malformed: counts.malformed },
        );
        return 'malformed';
      }
      const { order } = entry;
      const batchNewest = newest.get(order.workflow_id) ?? order;
      try {
        const { outcome } = await advance(batchNewest);
        return outcome === 'advanced' && batchNewest === order
          ? 'advanced'
          : 'current';
      } catch (error) {
        const transient = isTransientDynamoDbError(error);
        const failure = new LatestOrderProjectionError(
          `Could not make order ${order.id} the latest order of workflow ${order.workflow_id}` +
            ` (${transient ? 'transient, retried by Lambda' : 'not transient'}): ${(error as Error).message}`,
          {
            cause: error,
            sequenceNumber,
            workflowId: order.workflow_id,
            orderId: order.id,
            transient,
          },
        );
        logger.error(failure.message, { sequenceNumber });
        throw failure;
      }
    };

    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    // Explicit, as the parallel updates above rely on it.
    const parallel = { processInParallel: true } as const;
    const tally = async (record: DynamoDBRecord) => {
      counts.records += 1;
      try {
        const outcome = await projectRecord(record);
        if (outcome !== 'malformed') counts[outcome] += 1;
        return outcome;
      } catch (error) {
        counts.failed += 1;
        throw error;
      }
    };
    return processPartialResponse(event, tally, processor, {
      context,
      ...parallel,
    });
  };

  return Object.assign(project, { stats: () => ({ ...counts }) });
}
