import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  OrdersTablePersistence,
  latestOrderOfItem,
  mapWithConcurrency,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import type { SummariesSettings } from '../config';
import type { LatestIndexRows } from './LatestIndexRows';
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
/**
 * The share of the `latest-orders-index`'s rows from which a list's latest-order items are read from
 * the whole index instead of by key. A Query is charged by the size of all the rows it reads, rounded
 * up once per 4 KB, and BatchGetItem by each item rounded up to 4 KB: 500 items by key take about 250
 * read units, a Query of 400 small rows about 20, and one request instead of five.
 */
const LATEST_INDEX_READ_SHARE = 0.5;

/** What a {@link LastOrderFinder} reads with. */
export interface LastOrderSources {
  /** The orders of the workflows' trusted latest-order items ({@link readLatestOrders}). */
  readLatest(
    workflowIds: readonly string[],
  ): Promise<Map<string, WorkflowOrderRecord>>;
  /**
   * The rows of the `latest-orders-index` in the window as last learned, and the same orders read
   * from the whole index window.
   */
  readonly latestIndex: Pick<LatestIndexRows, 'rowsAt' | 'readOrders'>;
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
 *
 * When a list names at least {@link LATEST_INDEX_READ_SHARE} of the rows the `latest-orders-index`
 * holds in the window (as last learned, see `LatestIndexRows`), the items are read from the whole
 * index window instead, one Query per 1 MB, and that read gives the exact rows for the next list.
 * The index has no row for a latest order past the window, so such a workflow is, in `partial`,
 * queried like one without an item (that Query finds nothing, and its answer stands as above).
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

/** The orders of the workflows' latest-order items: by key, or from the index when that is cheaper. */
async function readLatestOf(
  sources: LastOrderSources,
  workflowIds: readonly string[],
  window: { nowMs: number; oldest: number },
): Promise<Map<string, WorkflowOrderRecord>> {
  const indexRows = sources.latestIndex.rowsAt(window.nowMs);
  return indexRows === undefined ||
    workflowIds.length < indexRows * LATEST_INDEX_READ_SHARE
    ? sources.readLatest(workflowIds)
    : sources.latestIndex.readOrders(workflowIds, window);
}

function latestItemsOnly(sources: LastOrderSources): LastOrderFinder {
  return {
    async find(workflowIds, window) {
      const { oldest } = window;
      const latest = await readLatestOf(sources, workflowIds, window);
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
    async find(workflowIds, window) {
      const { nowMs, oldest } = window;
      const latest = await readLatestOf(sources, workflowIds, window);
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
