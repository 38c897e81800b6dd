import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  OrdersTablePersistence,
  latestOrderOfItem,
  mapWithConcurrency,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import type { SummariesSettings } from '../config';
import { NoOrderCache } from './NoOrderCache';
import type { OrderRecordReader } from './orderRecords';

/**
 * The orders the recorder's latest-order items hold, by workflow id, read with BatchGetItem. A
 * workflow is missing when it has no item that can be trusted (none, a malformed one, or one whose
 * order belongs elsewhere); its items' orders may be older than the retention window.
 */
export async function readLatestOrders(options: {
  documents: DynamoDBDocumentClient;
  tableName: string;
  workflowIds: readonly string[];
  readRecords: OrderRecordReader;
  translate: (error: unknown, action: string) => Error;
}): Promise<Map<string, WorkflowOrderRecord>> {
  const { documents, tableName, workflowIds, readRecords, translate } = options;
  // The table package's reader: 100 ids per BatchGetItem, unprocessed keys asked for again.
  const items = await new OrdersTablePersistence({
    client: documents,
    tableName,
  })
    .readLatestOrders(workflowIds)
    .catch(error => {
      throw translate(error, 'reading the last orders of workflows');
    });
  const orders = new Map<string, WorkflowOrderRecord>();
  for (const [workflowId, item] of items) {
    if (!item) continue;
    const { order } = latestOrderOfItem(
      item,
      stored => readRecords([stored])[0],
    );
    if (order) orders.set(workflowId, order);
  }
  return orders;
}

/** Workflows whose last order is queried at once for one summaries request. */
const SUMMARY_CONCURRENCY = 48;
/** Workflows found without orders that are remembered at most. */
const NO_ORDER_CACHE_SIZE = 100_000;

/** What a {@link LastOrderFinder} reads with. */
export interface LastOrderSources {
  /** The orders of the workflows' trusted latest-order items ({@link readLatestOrders}). */
  readLatest(
    workflowIds: readonly string[],
  ): Promise<Map<string, WorkflowOrderRecord>>;
  /** The newest order of a workflow placed at `oldest` or later, by a Query of its partition. */
  queryNewest(
    workflowId: string,
    oldest: number,
  ): Promise<WorkflowOrderRecord | undefined>;
}

/** How the workflows list finds the last orders of many workflows. */
export interface LastOrderFinder {
  /**
   * The last order within the window of each of these distinct workflows, by workflow id;
   * undefined for a workflow without one.
   */
  find(
    workflowIds: readonly string[],
    window: { nowMs: number; oldest: number },
  ): Promise<Map<string, WorkflowOrderRecord | undefined>>;
}

/**
 * The finder for `workflowOrders.summaries.latestOrderItems`. `complete`: the latest-order items
 * alone, a hundred workflows per BatchGetItem and nothing else. `partial`: the same, then a Query
 * of each workflow without a usable item, whose "no orders" stands for `noOrderCacheMs`.
 */
export function createLastOrderFinder(options: {
  settings: SummariesSettings;
  sources: LastOrderSources;
}): LastOrderFinder {
  const { settings, sources } = options;
  return settings.latestOrderItems === 'complete'
    ? latestItemsOnly(sources)
    : latestItemsThenQueries(sources, settings.noOrderCacheMs);
}

/** The order of a latest-order item counts while it is within the window. */
function withinWindow(
  order: WorkflowOrderRecord | undefined,
  oldest: number,
): WorkflowOrderRecord | undefined {
  return order && order.placed_at >= oldest ? order : undefined;
}

function latestItemsOnly(sources: LastOrderSources): LastOrderFinder {
  return {
    async find(workflowIds, { oldest }) {
      const latest = await sources.readLatest(workflowIds);
      return new Map(
        workflowIds.map(id => [id, withinWindow(latest.get(id), oldest)]),
      );
    },
  };
}

function latestItemsThenQueries(
  sources: LastOrderSources,
  noOrderCacheMs: number,
): LastOrderFinder {
  const noOrders = new NoOrderCache({
    ttlMs: noOrderCacheMs,
    maxSize: NO_ORDER_CACHE_SIZE,
  });
  return {
    async find(workflowIds, { nowMs, oldest }) {
      const latest = await sources.readLatest(workflowIds);
      const lastOrders = new Map<string, WorkflowOrderRecord | undefined>();
      const toQuery: string[] = [];
      for (const workflowId of workflowIds) {
        const order = latest.get(workflowId);
        if (order) {
          lastOrders.set(workflowId, withinWindow(order, oldest));
        } else if (!noOrders.hasNoOrder(workflowId, nowMs)) {
          // Another writer may have put orders here without a latest-order item.
          toQuery.push(workflowId);
        }
      }
      const queried = await mapWithConcurrency(
        toQuery,
        SUMMARY_CONCURRENCY,
        id => sources.queryNewest(id, oldest),
      );
      toQuery.forEach((workflowId, index) => {
        lastOrders.set(workflowId, queried[index]);
        noOrders.record(workflowId, queried[index] !== undefined, nowMs);
      });
      return lastOrders;
    },
  };
}
