import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pLimit from 'p-limit';
import {
  ORDER_RETENTION_SECONDS,
  describeIssues,
  orderIdSchema,
  workflowOrderInputSchema,
} from '../orderRecord';
import type { OrderToWrite } from '../protocol/items';
import { OrdersTablePersistence } from '../protocol/OrdersTablePersistence';
import { OrderWriteProtocol } from '../protocol/OrderWriteProtocol';
import { ordersTable } from '../table';
import { readUnstoredLine, type UnstoredOrder } from './unstoredLine';

/** Options of {@link replayUnstoredOrders}. @public */
export interface ReplayUnstoredOrdersOptions {
  /** The client to write with (its endpoint and region decide which table is written). */
  readonly client: DynamoDBClient;
  /** The table to store the orders in; lines meant for another table are left alone. @defaultValue 'workflow_orders' */
  readonly tableName?: string;
  /** The input, line by line: a spill file, a Lambda log export, or `aws logs filter-log-events` output. */
  readonly lines: AsyncIterable<string> | Iterable<string>;
  /** Orders written at the same time. @defaultValue 8 */
  readonly concurrency?: number;
  /** The current time in epoch milliseconds. @defaultValue Date.now */
  readonly now?: () => number;
}

/** A line that was not stored, and why. @public */
export interface ReplayProblem {
  /** Its line number in the input, from 1. */
  readonly line: number;
  /** What is wrong with it, naming the field where one is wrong. */
  readonly problem: string;
}

/** What {@link replayUnstoredOrders} did with its input. @public */
export interface ReplayUnstoredOrdersResult {
  /** The table written. */
  readonly tableName: string;
  /** Orders stored now. */
  readonly stored: number;
  /** Orders that were in the table already (stored later by their writer, or replayed before). */
  readonly alreadyPresent: number;
  /** Lines with an unstored order that could not be stored: unreadable, invalid, or expired. */
  readonly invalid: number;
  /** Lines of orders meant for another table, left alone. */
  readonly otherTable: number;
  /** Lines without an unstored order (the rest of a log), passed over. */
  readonly foreign: number;
  /** The first problems, each with its line number. */
  readonly problems: readonly ReplayProblem[];
}

/** Problems kept for the summary; the counts cover all of them. */
const MAX_PROBLEMS = 100;

/** Orders read from the input and not yet written, at most. */
const MAX_READ_AHEAD = 256;

/** An order as the recorder stores it: its id is required, as it makes a replay land once. */
const replayedOrderSchema = workflowOrderInputSchema.extend({
  id: orderIdSchema,
});

/** The order of an entry as the table stores it, or what is wrong with it. */
function orderToWrite(
  entry: UnstoredOrder,
  nowSeconds: number,
): OrderToWrite | string {
  // The expiry is the table's to compute again; every other field is checked as `record()` does.
  const { [ordersTable.ttlAttribute]: _ttl, ...fields } = entry.order;
  const parsed = replayedOrderSchema.safeParse(fields);
  if (!parsed.success) return describeIssues(parsed.error);
  const { placed_at: placedAt } = parsed.data;
  if (typeof placedAt !== 'number') return 'placed_at: is required';
  if (placedAt < nowSeconds - ORDER_RETENTION_SECONDS) {
    return 'placed_at: more than 7 days ago, past the table’s retention';
  }
  return { ...parsed.data, placed_at: placedAt };
}

/**
 * Stores the unstored orders found in `lines`, each exactly once whatever was stored before: an
 * order's id makes a second write of it a no-op, so a replay can run again, or overlap the writer
 * that finally stored some of the orders. Each order goes through the recorder's own write
 * protocol (its latest-order item included). Every other line is counted, never thrown: foreign
 * text, unreadable or invalid orders (with their line numbers), orders of another table.
 *
 * @public
 */
export async function replayUnstoredOrders(
  options: ReplayUnstoredOrdersOptions,
): Promise<ReplayUnstoredOrdersResult> {
  const tableName = options.tableName ?? ordersTable.defaultName;
  const protocol = new OrderWriteProtocol({
    persistence: new OrdersTablePersistence({
      client: DynamoDBDocumentClient.from(options.client, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      tableName,
    }),
  });
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  const limit = pLimit(options.concurrency ?? 8);
  const counts = {
    stored: 0,
    alreadyPresent: 0,
    invalid: 0,
    otherTable: 0,
    foreign: 0,
  };
  const problems: ReplayProblem[] = [];
  const fail = (line: number, problem: string) => {
    counts.invalid += 1;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, problem });
  };

  const store = async (order: OrderToWrite, line: number) => {
    try {
      const claim = await protocol.claimOrderId(order);
      const put = await protocol.putOrderRecord(order, claim.key);
      if (put.outcome === 'noFreeInstant') {
        fail(line, `no free placed_at after ${put.rounds} tries`);
        return;
      }
      await protocol.advanceLatestOrder(put.record);
      if (put.outcome === 'stored') counts.stored += 1;
      else counts.alreadyPresent += 1;
    } catch (error) {
      fail(
        line,
        `not stored: ${(error as Error).name}: ${(error as Error).message}`,
      );
    }
  };

  // Orders read ahead of their writes, bounded whatever the size of the input.
  const inFlight = new Set<Promise<void>>();
  const enqueue = (order: OrderToWrite, line: number) => {
    const write = limit(() => store(order, line)).finally(() =>
      inFlight.delete(write),
    );
    inFlight.add(write);
  };
  let number = 0;
  for await (const text of options.lines) {
    number += 1;
    const read = readUnstoredLine(text, number);
    if (read.kind === 'foreign') {
      counts.foreign += 1;
    } else if (read.kind === 'unreadable') {
      fail(read.line, read.problem);
    } else if (read.entry.table !== tableName) {
      counts.otherTable += 1;
    } else {
      const order = orderToWrite(read.entry, nowSeconds);
      if (typeof order === 'string') fail(read.line, order);
      else enqueue(order, read.line);
    }
    while (inFlight.size >= MAX_READ_AHEAD) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  problems.sort((a, b) => a.line - b.line);
  return { tableName, ...counts, problems };
}
