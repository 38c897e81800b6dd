import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ordersTable, type WorkflowOrderRecord } from '@workflow-orders/table';
import type { OrderRecordReader } from './orderRecords';
import { hasFilters, matchesFilters } from './orderRecords';
import type {
  LatestOrderPage,
  LatestOrderPosition,
  LatestOrdersOptions,
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

/** The order a row of the index holds, or undefined (with a warning) when it cannot be shown. */
function orderOfRow(
  item: Item,
  source: LatestOrderIndexSource,
): WorkflowOrderRecord | undefined {
  const workflowId = item[partitionKey];
  const placedAt = item[latest.placedAtAttribute];
  const order = item[latest.orderAttribute];
  const [record] =
    typeof order === 'object' && order !== null
      ? source.readRecords([order as Item])
      : [];
  if (record?.workflow_id === workflowId && record.placed_at === placedAt) {
    return record;
  }
  // A record the reader could not read was reported by it already.
  if (record || typeof order !== 'object' || order === null) {
    source.logger.warn(
      `Left out a latest-order item of table ${source.tableName} whose ${latest.orderAttribute} is not the order it is indexed by`,
      { workflowId: String(workflowId), placedAt: String(placedAt) },
    );
  }
  return undefined;
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
  const accepts = (record: WorkflowOrderRecord) =>
    (!only || only.has(record.workflow_id)) &&
    (!isVisible || isVisible(record.workflow_id)) &&
    matchesFilters(record, filters);
  const mayLeaveOut = Boolean(only || isVisible || hasFilters(filters));

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

  const orders = rows.slice(0, limit);
  const last = orders[orders.length - 1];
  return {
    orders,
    next:
      rows.length > limit && last
        ? { workflowId: last.workflow_id, placedAt: last.placed_at }
        : undefined,
  };
}

async function query(
  source: LatestOrderIndexSource,
  options: { oldest: number; limit: number; start?: Item },
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
      }),
    );
  } catch (error) {
    throw source.translate(error, 'reading the latest orders of workflows');
  }
}
