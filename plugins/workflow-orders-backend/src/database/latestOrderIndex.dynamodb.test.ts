import { mockServices } from '@backstage/backend-test-utils';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import { latestOrderKeyOf } from '@workflow-orders/table';
import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  OrderTable,
  orderItem,
  storeConfig,
  storeOn,
  type OrderItemKey,
} from '../__testUtils__/orders';
import { DynamoDbOrderStore } from './DynamoDbOrderStore';
import type { LatestOrderPage, LatestOrdersOptions } from './OrderStore';

jest.setTimeout(120_000);

// An hour ahead of the wall clock: latest orders just outside the window are still stored (even by
// DynamoDB Local, which runs TTL), as they are while DynamoDB's TTL deletion lags.
const NOW_MS = Date.now() + 60 * 60 * 1000;
const NOW = NOW_MS / 1000;
const DAY = 24 * 60 * 60;
const WORKFLOWS = 300;
const ORDERS_A_DAY = 2;

/** The workflows of the table, newest latest order first, and what their latest order is. */
interface Seeded {
  workflowId: string;
  placedAt: number;
  direction: 'BUY' | 'SELL';
  code: string;
}

describe('DynamoDbOrderStore.getLatestOrders', () => {
  // The proxy counts the store's requests.
  const dynamo = useTestTable({
    tableName: 'orders_latest_test',
    faultProxy: true,
  });
  let table: OrderTable;
  let store: DynamoDbOrderStore;
  const logger = mockServices.logger.mock();
  const seeded: Seeded[] = [];
  const expired = randomUUID();

  beforeAll(async () => {
    const { endpoint } = dynamo.proxy;
    ({ store, table } = await storeOn(dynamo, {
      endpoint,
      logger,
      now: () => NOW_MS,
      // The defaults, but with a long timeout: the proxy counts requests, which retries would add.
      extra: {
        dynamodb: {
          endpoint,
          tableName: dynamo.tableName,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          requestTimeoutMs: 10_000,
        },
      },
    }));

    // 300 workflows with 7 days of orders each; every third one's newest order is a SELL, and codes
    // come in two cases.
    const items: OrderItemKey[] = [];
    for (let index = 0; index < WORKFLOWS; index += 1) {
      const workflowId = randomUUID();
      const newest = NOW - 5 - index * 97.5;
      for (let n = 0; n < 7 * ORDERS_A_DAY; n += 1) {
        const isNewest = n === 0;
        const direction = isNewest && index % 3 === 0 ? 'SELL' : 'BUY';
        const code = index % 2 === 0 ? 'FRA40.I' : 'dax.i';
        items.push(
          orderItem({
            workflow_id: workflowId,
            placed_at: newest - n * (DAY / ORDERS_A_DAY),
            order_direction: direction,
            order_code: code,
          }),
        );
        if (isNewest) {
          seeded.push({ workflowId, placedAt: newest, direction, code });
        }
      }
    }
    // A workflow whose latest order left the window, its TTL deletion not yet done.
    items.push(
      orderItem({
        workflow_id: expired,
        placed_at: NOW - ORDER_RETENTION_SECONDS - 60,
      }),
    );
    await table.recordQuickly(items);
  });

  /** Every page from the first, with the DynamoDB requests each took. */
  const walk = async (options: Omit<LatestOrdersOptions, 'after'>) => {
    const pages: Array<LatestOrderPage & { requests: number }> = [];
    let after: LatestOrderPage['next'];
    do {
      const before = dynamo.proxy.stats().operations.Query ?? 0;
      const page = await store.getLatestOrders({ ...options, after });
      pages.push({
        ...page,
        requests: (dynamo.proxy.stats().operations.Query ?? 0) - before,
      });
      after = page.next;
    } while (after);
    return pages;
  };

  const idsOf = (pages: LatestOrderPage[]) =>
    pages.flatMap(page => page.orders.map(order => order.workflow_id));

  it('lists each workflow once, newest first, across pages of 37, in one request a page', async () => {
    // Act
    const pages = await walk({ limit: 37 });

    // Assess
    expect(idsOf(pages)).toEqual(seeded.map(s => s.workflowId));
    expect(pages.map(page => page.orders.length)).toEqual([
      ...Array(8).fill(37),
      WORKFLOWS - 8 * 37,
    ]);
    expect(pages.map(page => page.requests)).toEqual(Array(9).fill(1));
    const [first] = pages[0].orders;
    expect(first).toMatchObject({
      workflow_id: seeded[0].workflowId,
      placed_at: seeded[0].placedAt,
      order_direction: 'SELL',
      order_code: 'FRA40.I',
      workflow_name: 'DAX Breakout Strategy',
    });
  });

  it('never shows a latest order older than 7 days that DynamoDB still holds', async () => {
    // Act
    const pages = await walk({ limit: 100 });

    // Assess
    expect(idsOf(pages)).not.toContain(expired);
    expect(idsOf(pages)).toHaveLength(WORKFLOWS);
  });

  it('applies direction and code before paging: every page is full while more match', async () => {
    // Prepare
    const expected = seeded
      .filter(s => s.direction === 'SELL' && s.code.toUpperCase() === 'DAX.I')
      .map(s => s.workflowId);

    // Act
    const pages = await walk({ limit: 7, direction: 'SELL', code: 'DAX.I' });

    // Assess
    expect(expected).toHaveLength(50);
    expect(idsOf(pages)).toEqual(expected);
    expect(pages.map(page => page.orders.length)).toEqual([
      ...Array(7).fill(7),
      1,
    ]);
  });

  it('lists only the workflows asked for and those the caller may see, before paging', async () => {
    // Prepare
    const asked = seeded.filter((_, index) => index % 5 === 0);
    const visible = new Set(
      asked.filter((_, index) => index % 2 === 0).map(s => s.workflowId),
    );

    // Act
    const pages = await walk({
      limit: 10,
      workflowIds: asked.map(s => s.workflowId),
      isVisible: workflowId => visible.has(workflowId),
    });

    // Assess
    expect(idsOf(pages)).toEqual([...visible]);
    expect(pages.map(page => page.orders.length)).toEqual([10, 10, 10]);
  });

  it('starts a page after the row it is given, and ends with no next row', async () => {
    // Prepare
    const [, second] = seeded;

    // Act
    const page = await store.getLatestOrders({
      limit: 5,
      after: { workflowId: second.workflowId, placedAt: second.placedAt },
    });
    const last = await store.getLatestOrders({
      limit: 5,
      after: {
        workflowId: seeded[WORKFLOWS - 3].workflowId,
        placedAt: seeded[WORKFLOWS - 3].placedAt,
      },
    });
    const expiredSince = await store.getLatestOrders({
      limit: 5,
      after: {
        workflowId: expired,
        placedAt: NOW - ORDER_RETENTION_SECONDS - 1,
      },
    });

    // Assess
    expect(page.orders.map(order => order.workflow_id)).toEqual(
      seeded.slice(2, 7).map(s => s.workflowId),
    );
    expect(page.next).toEqual({
      workflowId: seeded[6].workflowId,
      placedAt: seeded[6].placedAt,
    });
    expect(last.orders.map(order => order.workflow_id)).toEqual(
      seeded.slice(WORKFLOWS - 2).map(s => s.workflowId),
    );
    expect(last.next).toBeUndefined();
    expect(expiredSince).toEqual({ orders: [] });
  });

  it('leaves out a latest-order item whose order is malformed, with a warning', async () => {
    // Prepare: a second table, so the rows of the others stay as they are
    const tableName = await dynamo.createTable({
      tableName: 'orders_latest_malformed',
    });
    const other = new OrderTable(dynamo.client, tableName);
    const good = randomUUID();
    const broken = randomUUID();
    await other.recordQuickly([
      orderItem({ workflow_id: good, placed_at: NOW - 20 }),
    ]);
    await other.put({
      ...latestOrderKeyOf(broken),
      last_placed_at: NOW - 10,
      last_order: { workflow_id: broken, placed_at: NOW - 10 },
      latest_orders_shard: 'latest',
    });
    const otherStore = await DynamoDbOrderStore.create({
      config: storeConfig(dynamo.endpoint, tableName),
      logger,
      now: () => NOW_MS,
    });

    // Act
    const page = await otherStore.getLatestOrders({ limit: 10 });

    // Assess
    expect(page.orders.map(order => order.workflow_id)).toEqual([good]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Left out an order record of table orders_latest_malformed that cannot be shown',
      ),
      expect.objectContaining({ workflowId: broken }),
    );
    otherStore.destroy();
  });
});
