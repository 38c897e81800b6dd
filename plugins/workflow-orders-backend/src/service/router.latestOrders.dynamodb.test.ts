import { latestOrdersResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import { useTestTable } from '@workflow-orders/test-utils';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { workflowEntity, type TestPolicy } from '../__testUtils__/access';
import { startBackendOn } from '../__testUtils__/backend';
import { OrderTable, orderItem } from '../__testUtils__/orders';

jest.setTimeout(60_000);

const BASE = '/api/workflow-orders/latest-orders';
const NOW = Date.now() / 1000;

/**
 * 40 workflows, newest latest order first: 30 carried by catalog entities (every tenth one's entity
 * refused by the trader's policy), 10 carried by none (deleted workflows); every third a SELL.
 */
const WORKFLOWS = Array.from({ length: 40 }, (_, index) => ({
  workflowId: randomUUID(),
  entityRef: index < 30 ? `component:default/workflow-${index}` : undefined,
  placedAt: NOW - 10 - index * 60,
  direction: index % 3 === 0 ? 'SELL' : 'BUY',
}));
const REFUSED = new Set(
  WORKFLOWS.filter((_, index) => index < 30 && index % 10 === 0).map(
    w => w.entityRef,
  ),
);

/** A trader: the entities the policy allows, no workflow that no entity carries. */
const trader: TestPolicy = target =>
  target !== 'unlinked' && !REFUSED.has(target);
/** Operations staff: what the trader sees, and the workflows no entity carries. */
const operations: TestPolicy = target => !REFUSED.has(target);

describe('GET /latest-orders against DynamoDB', () => {
  // The backend reads through the proxy, which makes the outage.
  const dynamo = useTestTable({
    tableName: 'orders_latest_router',
    faultProxy: true,
  });
  const servers: Record<'trader' | 'operations', Server> = {} as any;

  const startBackend = (policy: TestPolicy) =>
    startBackendOn(dynamo, {
      endpoint: dynamo.proxy.endpoint,
      entities: WORKFLOWS.filter(w => w.entityRef).map((w, index) =>
        workflowEntity(`workflow-${index}`, w.workflowId),
      ),
      policy,
    });

  beforeAll(async () => {
    const table = new OrderTable(dynamo.client, dynamo.tableName);
    await table.recordQuickly(
      WORKFLOWS.map(w =>
        orderItem({
          workflow_id: w.workflowId,
          placed_at: w.placedAt,
          order_direction: w.direction,
        }),
      ),
    );
    servers.trader = await startBackend(trader);
    servers.operations = await startBackend(operations);
  });

  /** Every page from the first, following next_cursor: the rows' workflow ids and page sizes. */
  const walk = async (server: Server, query: string) => {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await request(server).get(
        `${BASE}?${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.status).toBe(200);
      const page = latestOrdersResponseSchema.parse(response.body);
      ids.push(...page.orders.map(row => row.workflow_id));
      sizes.push(page.orders.length);
      cursor = page.next_cursor;
    } while (cursor);
    return { ids, sizes };
  };

  it("pages a trader's rows with their filter, full pages, each workflow once", async () => {
    // Prepare
    const expected = WORKFLOWS.filter(
      w => w.entityRef && !REFUSED.has(w.entityRef) && w.direction === 'BUY',
    ).map(w => w.workflowId);

    // Act
    const { ids, sizes } = await walk(servers.trader, 'limit=6&direction=buy');

    // Assess
    expect(expected).toHaveLength(18);
    expect(ids).toEqual(expected);
    expect(sizes).toEqual([6, 6, 6]);
  });

  it('shows operations the deleted workflows too, newest first', async () => {
    const { ids } = await walk(servers.operations, 'limit=9');

    expect(ids).toEqual(
      WORKFLOWS.filter(w => !REFUSED.has(w.entityRef)).map(w => w.workflowId),
    );
  });

  it('refuses the cursor of one filter with another', async () => {
    // Prepare
    const first = await request(servers.trader).get(
      `${BASE}?limit=2&direction=SELL`,
    );

    // Act
    const response = await request(servers.trader).get(
      `${BASE}?limit=2&direction=BUY&cursor=${first.body.next_cursor}`,
    );

    // Assess
    expect(first.body.next_cursor).toEqual(expect.any(String));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'cursor belongs to another filter; start again without a cursor',
    );
  });

  it('answers 503 naming DynamoDB while it does not answer, never an empty page', async () => {
    // Act
    dynamo.proxy.set({ blackhole: true });
    const during = await request(servers.operations).get(BASE);
    dynamo.proxy.set({ blackhole: false });
    const after = await request(servers.operations).get(`${BASE}?limit=1`);

    // Assess
    expect(during.status).toBe(503);
    expect(during.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('DynamoDB did not answer'),
    });
    expect(after.status).toBe(200);
    expect(after.body.orders).toHaveLength(1);
  });
});
