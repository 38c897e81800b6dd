import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  hasOrderFilters,
  latestOrdersPageOf,
  matchesOrderFilters,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  latestOrderOfItem,
  ordersTable,
  type WorkflowOrderRecord,
} from '@workflow-orders/table';
import type { OrderRecordReader } from './orderRecords';
import type {
  LatestOrderPage,
  LatestOrderPosition,
  LatestOrdersOptions,
  LatestOrdersSince,
} from './OrderStore';

type Item = Record<string, unknown>;

/** Most rows one Query of a page reads when rows may be left out; DynamoDB stops at 1 MB anyway. */
const MAX_READ = 1000;

const { partitionKey, sortKey, latest, latestIndex } = ordersTable;

/** What {@link queryLatestOrders} reads with. */
export interface LatestOrderIndexSource {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly readRecords: OrderRecordReader;
  readonly logger: LoggerService;
  readonly translate: (error: unknown, action: string) => Error;
}

/** The index key of a row: where the next Query starts after it. */
function startKeyOf(position: LatestOrderPosition): Item {
  return {
    [partitionKey]: position.workflowId,
    [sortKey]: latest.sortKey,
    [latestIndex.partitionKey]: latestIndex.shard,
    [latestIndex.sortKey]: position.placedAt,
  };
}

/** The order a row of the index shows, or undefined (with a warning) when it shows none. */
function orderOfRow(
  item: Item,
  source: LatestOrderIndexSource,
): WorkflowOrderRecord | undefined {
  const { order, problem } = latestOrderOfItem(
    item,
    stored => source.readRecords([stored])[0],
  );
  // A record the reader could not read was reported by it already.
  if (problem && problem !== 'unreadable order') {
    source.logger.warn(
      `Left out a latest-order item of table ${source.tableName} whose ${latest.orderAttribute} is not the order it is indexed by`,
      {
        workflowId: String(item[partitionKey]),
        placedAt: String(item[latest.placedAtAttribute]),
      },
    );
  }
  return order;
}

/**
 * A page of the latest orders from the `latest-orders-index`: its one partition read newest first,
 * from `oldest` (the retention window as key condition, so a latest order whose TTL deletion is late
 * is never read). Rows that do not match the options are left out before paging: the Query goes on
 * from `LastEvaluatedKey` until the page is full or the window ends. Unfiltered, it reads one row
 * more than the page, which tells whether another follows: one request a page.
 */
export async function queryLatestOrders(
  source: LatestOrderIndexSource,
  options: LatestOrdersOptions & { oldest: number },
): Promise<LatestOrderPage> {
  const { limit, after, oldest, isVisible } = options;
  if (after && after.placedAt < oldest) return { orders: [] };
  const filters = { direction: options.direction, code: options.code };
  const only = options.workflowIds && new Set(options.workflowIds);
  // Filters apply to records as read, not in a FilterExpression: the record schema reads a direction
  // stored in any case as `SELL`, and codes compare normalized, which an expression cannot do for
  // what other writers store.
  const accepts = (record: WorkflowOrderRecord) =>
    (!only || only.has(record.workflow_id)) &&
    (!isVisible || isVisible(record.workflow_id)) &&
    matchesOrderFilters(record, filters);
  const mayLeaveOut = Boolean(only || isVisible || hasOrderFilters(filters));

  const rows: WorkflowOrderRecord[] = [];
  let start: Item | undefined = after && startKeyOf(after);
  let read = mayLeaveOut ? Math.min(MAX_READ, (limit + 1) * 4) : limit + 1;
  do {
    const result = await query(source, {
      oldest,
      limit: read,
      start,
    });
    for (const item of result.Items ?? []) {
      const record = orderOfRow(item, source);
      if (record && rows.length <= limit && accepts(record)) rows.push(record);
    }
    start = result.LastEvaluatedKey;
    read = Math.min(MAX_READ, read * 2);
  } while (start && rows.length <= limit);

  return latestOrdersPageOf(rows, limit);
}

/**
 * The latest orders placed at `since` or later (and in the retention window from `oldest`), newest
 * first, at most `limit`: the index read from `since` on, page after page. `more` says rows were
 * left unread past `limit`.
 */
export async function queryLatestOrdersSince(
  source: LatestOrderIndexSource,
  options: { since: number; oldest: number; limit: number },
): Promise<LatestOrdersSince> {
  const { limit } = options;
  const orders: WorkflowOrderRecord[] = [];
  let start: Item | undefined;
  let rows = 0;
  do {
    const result = await query(source, {
      oldest: Math.max(options.since, options.oldest),
      limit: Math.min(MAX_READ, limit + 1 - rows),
      start,
    });
    for (const item of result.Items ?? []) {
      rows += 1;
      const record = rows <= limit ? orderOfRow(item, source) : undefined;
      if (record) orders.push(record);
    }
    start = result.LastEvaluatedKey;
  } while (start && rows <= limit);
  return { orders, more: rows > limit };
}

/**
 * The orders of these workflows' rows of the `latest-orders-index` in the window from `oldest`, read
 * from the whole window (a Query page after page, 1 MB each) rather than by key, with the number of
 * rows the window holds. A row is read as `readLatestOrders` reads a latest-order item: a
 * malformed one, or one holding another workflow's order, is left out, and a record that cannot be
 * shown is reported by `readRecords`; rows of workflows not asked for are not read as orders.
 */
export async function readLatestOrdersFromIndex(
  source: LatestOrderIndexSource,
  options: { workflowIds: readonly string[]; oldest: number },
): Promise<{ orders: Map<string, WorkflowOrderRecord>; rows: number }> {
  const asked = new Set(options.workflowIds);
  const orders = new Map<string, WorkflowOrderRecord>();
  let rows = 0;
  let start: Item | undefined;
  do {
    const result = await query(source, { oldest: options.oldest, start });
    for (const item of result.Items ?? []) {
      rows += 1;
      const workflowId = item[partitionKey];
      if (typeof workflowId !== 'string' || !asked.has(workflowId)) continue;
      const { order } = latestOrderOfItem(
        item,
        stored => source.readRecords([stored])[0],
      );
      if (order) orders.set(workflowId, order);
    }
    start = result.LastEvaluatedKey;
  } while (start);
  return { orders, rows };
}

/**
 * The rows of the `latest-orders-index` in the window from `oldest`, counted by DynamoDB
 * (`Select: 'COUNT'`, nothing sent back) up to `limit`; `Infinity` when there are more.
 */
export async function countLatestOrders(
  source: LatestOrderIndexSource,
  options: { oldest: number; limit: number },
): Promise<number> {
  const { oldest, limit } = options;
  let rows = 0;
  let start: Item | undefined;
  do {
    const result = await query(source, {
      oldest,
      limit: limit + 1 - rows,
      start,
      count: true,
    });
    rows += result.Count ?? 0;
    start = result.LastEvaluatedKey;
  } while (start && rows <= limit);
  return rows > limit ? Infinity : rows;
}

async function query(
  source: LatestOrderIndexSource,
  options: { oldest: number; limit?: number; start?: Item; count?: boolean },
): Promise<QueryCommandOutput> {
  try {
    return await source.documents.send(
      new QueryCommand({
        TableName: source.tableName,
        IndexName: latestIndex.name,
        KeyConditionExpression:
          '#shard = :shard AND #last_placed_at >= :oldest',
        ExpressionAttributeNames: {
          '#shard': latestIndex.partitionKey,
          '#last_placed_at': latestIndex.sortKey,
        },
        ExpressionAttributeValues: {
          ':shard': latestIndex.shard,
          ':oldest': options.oldest,
        },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.start,
        Select: options.count ? 'COUNT' : undefined,
      }),
    );
  } catch (error) {
    throw source.translate(error, 'reading the latest orders of workflows');
  }
}
