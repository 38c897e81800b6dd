import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { anOrder, useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aVirtualClock } from '../__testUtils__/virtualClock';
import { ORDER_RETENTION_SECONDS } from '../orderRecord';
import type { TableItem } from '../protocol/items';
import { guardKeyOf, latestOrderKeyOf } from '../table';
import { BackfillCheckpointError } from './checkpoint';
import { backfillLatestOrders, type BackfillProgress } from './index';

const NOW = Math.floor(Date.now() / 1000);

/** Orders of `workflows` workflows, `perWorkflow` each a minute apart, with their guards. */
function ordersOf(workflows: number, perWorkflow: number): TableItem[] {
  return Array.from({ length: workflows }, () => randomUUID()).flatMap(id =>
    Array.from({ length: perWorkflow }, (_, i) => {
      const placed_at = NOW - 60 * (i + 1) - 0.25;
      const order = {
        ...anOrder({ workflow_id: id }),
        id: `${id.slice(0, 8)}-${i}`,
        placed_at,
        ttl: Math.floor(placed_at) + ORDER_RETENTION_SECONDS,
      };
      return [order, { ...guardKeyOf(order.id), order_placed_at: placed_at }];
    }).flat(),
  );
}

describe('backfillLatestOrders', () => {
  // The engine alone: each test makes the tables it backfills.
  const dynamo = useTestTable({ tableName: false });
  const scratch = mkdtempSync(join(tmpdir(), 'workflow-orders-backfill-'));

  /** A new orders table holding `items`. */
  async function aTable(items: TableItem[]): Promise<string> {
    const tableName = await dynamo.createTable();
    for (let start = 0; start < items.length; start += 25) {
      let requests = items
        .slice(start, start + 25)
        .map(Item => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await dynamo.documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
    return tableName;
  }

  async function everyItem(tableName: string): Promise<TableItem[]> {
    const items: TableItem[] = [];
    let ExclusiveStartKey: TableItem | undefined;
    do {
      const page = await dynamo.documents.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  /** The latest-order items, by workflow: what the Workflow orders page reads. */
  async function latestOrders(tableName: string) {
    const found: Record<string, unknown> = {};
    for (const item of await everyItem(tableName)) {
      if (item.placed_at === 0 && item.last_order) {
        found[String(item.workflow_id)] = item;
      }
    }
    return found;
  }

  const newestIds = (items: TableItem[]) => {
    const newest = new Map<string, TableItem>();
    for (const item of items.filter(i => i.id)) {
      const known = newest.get(String(item.workflow_id));
      if (!known || Number(known.placed_at) < Number(item.placed_at)) {
        newest.set(String(item.workflow_id), item);
      }
    }
    return Object.fromEntries(
      [...newest].map(([workflowId, order]) => [workflowId, order.id]),
    );
  };

  /** A result without what depends on the table's name and on how the Scan was cut into pages. */
  const withoutTable = <
    T extends { tableName: string; consumedCapacity: number },
  >({
    tableName: _t,
    consumedCapacity: _c,
    ...rest
  }: T) => rest;

  it('stores and counts the same with 8 segments as with one', async () => {
    // Prepare
    const items = ordersOf(24, 6);
    const [one, eight] = [await aTable(items), await aTable(items)];

    // Act
    const byOne = await backfillLatestOrders({
      client: dynamo.client,
      tableName: one,
      segments: 1,
      pageSize: 7,
    });
    const byEight = await backfillLatestOrders({
      client: dynamo.client,
      tableName: eight,
      segments: 8,
      pageSize: 7,
    });

    // Assess
    expect(withoutTable(byEight)).toEqual(withoutTable(byOne));
    expect(byOne).toMatchObject({
      orders: 144,
      workflows: 24,
      written: 24,
      scanned: 288,
    });
    const stored = await latestOrders(eight);
    expect(stored).toEqual(await latestOrders(one));
    expect(
      Object.fromEntries(
        Object.entries(stored).map(([id, item]) => [
          id,
          (item as { last_order: TableItem }).last_order.id,
        ]),
      ),
    ).toEqual(newestIds(items));
  }, 60_000);

  it('writes nothing in a dry run, and counts what it would write', async () => {
    // Prepare: one workflow current, one with an older latest order, three without
    const items = ordersOf(5, 3);
    const orders = items.filter(i => i.id) as any[];
    const [current, stale] = [orders[0], orders[3]];
    const latestOf = (order: any, placedAt: number) => ({
      ...latestOrderKeyOf(order.workflow_id),
      last_placed_at: placedAt,
      last_order: { ...order, placed_at: placedAt },
    });
    const tableName = await aTable([
      ...items,
      latestOf(current, current.placed_at),
      latestOf(stale, stale.placed_at - 3600),
    ]);
    const before = await everyItem(tableName);
    const checkpointFile = join(scratch, 'dry-run.json');

    // Act
    const result = await backfillLatestOrders({
      client: dynamo.client,
      tableName,
      dryRun: true,
      checkpointFile,
    });

    // Assess
    expect(result).toMatchObject({
      dryRun: true,
      orders: 15,
      workflows: 5,
      written: 4,
      current: 1,
      stopped: false,
    });
    expect(await everyItem(tableName)).toEqual(before);
    expect(existsSync(checkpointFile)).toBe(false);
  }, 60_000);

  it('continues a run stopped after 3 pages from its checkpoint, storing what an uninterrupted run does', async () => {
    // Prepare
    const items = ordersOf(30, 4);
    const [interrupted, uninterrupted] = [
      await aTable(items),
      await aTable(items),
    ];
    const checkpointFile = join(scratch, `${interrupted}.json`);
    const controller = new AbortController();
    const settings = {
      client: dynamo.client,
      segments: 4,
      pageSize: 5,
      checkpointFile,
    };

    // Act
    const stopped = await backfillLatestOrders({
      ...settings,
      tableName: interrupted,
      checkpointEveryPages: 2,
      signal: controller.signal,
      onProgress: progress => {
        if (progress.pages === 3) controller.abort();
      },
    });
    const savedAfterStop = existsSync(checkpointFile);
    const resumedReports: BackfillProgress[] = [];
    const resumed = await backfillLatestOrders({
      ...settings,
      tableName: interrupted,
      onProgress: progress => resumedReports.push(progress),
    });
    const whole = await backfillLatestOrders({
      ...settings,
      tableName: uninterrupted,
      checkpointFile: join(scratch, `${uninterrupted}.json`),
    });

    // Assess
    expect(stopped).toMatchObject({ stopped: true, checkpointFile });
    expect(stopped.scanned).toBeLessThan(240);
    expect(savedAfterStop).toBe(true);
    expect(resumed).toMatchObject({ stopped: false, resumed: true });
    // Its first report, before any page, is where the stopped run left off.
    expect(resumedReports[0]).toMatchObject({
      resumed: true,
      scanned: stopped.scanned,
      orders: stopped.orders,
    });
    expect(existsSync(checkpointFile)).toBe(false);
    expect(withoutTable({ ...resumed, resumed: false })).toEqual(
      withoutTable(whole),
    );
    expect(await latestOrders(interrupted)).toEqual(
      await latestOrders(uninterrupted),
    );
  }, 60_000);

  it('refuses a checkpoint of another table or another segment count', async () => {
    // Prepare: a checkpoint of a stopped run on one table
    const items = ordersOf(10, 4);
    const [saved, other] = [await aTable(items), await aTable(items)];
    const checkpointFile = join(scratch, `refused-${saved}.json`);
    const controller = new AbortController();
    await backfillLatestOrders({
      client: dynamo.client,
      tableName: saved,
      segments: 4,
      pageSize: 3,
      checkpointFile,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });

    // Act
    const otherTable = backfillLatestOrders({
      client: dynamo.client,
      tableName: other,
      segments: 4,
      checkpointFile,
    });
    const otherSegments = backfillLatestOrders({
      client: dynamo.client,
      tableName: saved,
      segments: 2,
      checkpointFile,
    });

    // Assess
    await expect(otherTable).rejects.toThrow(BackfillCheckpointError);
    await expect(otherTable).rejects.toThrow(
      new RegExp(`is of table .*${saved}, not .*${other}`),
    );
    await expect(otherSegments).rejects.toThrow(
      'is of a Scan in 4 segments, not 2: continue it with --segments 4',
    );
    expect(await latestOrders(other)).toEqual({});
    expect(existsSync(checkpointFile)).toBe(true);
  }, 60_000);

  it('counts items that are not orders as malformed, and backfills the orders beside them', async () => {
    // Prepare: another application's items, another table's, a far-future one, broken values
    const orders = ordersOf(2, 2);
    const tableName = await aTable([
      ...orders,
      { workflow_id: 'USER#42', placed_at: NOW - 5, name: 'not an order' },
      { workflow_id: 'x', placed_at: NOW - 5, pk: 'ORDER#1', sk: 'META' },
      {
        ...(orders[0] as object),
        id: 'from-the-future',
        placed_at: NOW + 400 * 86_400,
      },
      {
        ...(orders[0] as object),
        id: 'broken',
        placed_at: NOW - 1,
        order_price: { nested: new Set(['a']) },
        workflow_id: 'not-a-uuid',
      },
      { workflow_id: randomUUID(), placed_at: NOW - 2, order: ['a', 1, null] },
    ]);

    // Act
    const result = await backfillLatestOrders({
      client: dynamo.client,
      tableName,
    });

    // Assess
    expect(result).toMatchObject({
      orders: 4,
      malformed: 5,
      workflows: 2,
      written: 2,
    });
    expect(Object.values(await latestOrders(tableName))).toHaveLength(2);
  }, 60_000);

  it('reports its progress after every page, ending at every item scanned', async () => {
    // Prepare
    const tableName = await aTable(ordersOf(6, 5));
    const reports: BackfillProgress[] = [];

    // Act
    const result = await backfillLatestOrders({
      client: dynamo.client,
      tableName,
      segments: 2,
      pageSize: 4,
      onProgress: progress => reports.push(progress),
    });

    // Assess
    const last = reports[reports.length - 1];
    expect(last).toMatchObject({
      tableName,
      scanned: 60,
      orders: 30,
      malformed: 0,
      workflows: 6,
      segmentsDone: 2,
      totalSegments: 2,
      resumed: false,
      // dynalite keeps no ItemCount, so there is no estimate to show a time left from; DynamoDB
      // Local counts every item. Either way no time is left once every item is scanned.
      estimatedItems: dynamo.engine === 'dynalite' ? undefined : 60,
      secondsLeft: undefined,
    });
    expect(last.pages).toBeGreaterThanOrEqual(15);
    expect(reports).toHaveLength(last.pages + 1);
    expect(last.consumedCapacity).toBe(result.consumedCapacity);
    const scanned = reports.map(r => r.scanned);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
  }, 60_000);

  it('keeps the Scan at its read capacity limit on its clock, in pages that stay within it', async () => {
    // Prepare
    const tableName = await aTable(ordersOf(10, 15));
    const clock = aVirtualClock();
    const costs: number[] = [];
    let consumed = 0;

    // Act
    const result = await backfillLatestOrders({
      client: dynamo.client,
      tableName,
      segments: 4,
      maxReadUnits: 2,
      clock,
      onProgress: progress => {
        costs.push(progress.consumedCapacity - consumed);
        consumed = progress.consumedCapacity;
      },
    });

    // Assess
    const achieved = result.consumedCapacity / (clock.now() / 1000);
    expect(result.scanned).toBe(300);
    expect(Math.abs(achieved - 2) / 2).toBeLessThanOrEqual(0.1);
    expect(Math.max(...costs)).toBeLessThanOrEqual(1);
  }, 60_000);
});
