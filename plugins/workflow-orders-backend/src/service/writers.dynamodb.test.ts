import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  summariesResponseSchema,
  workflowActivitySchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import {
  awsCliPutItem,
  quickstartItem,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { BASE, startBackendOn } from '../__testUtils__/backend';

jest.setTimeout(60_000);

/** Whole epoch seconds, as the original engine and the quickstart store them. */
const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

/**
 * The item the original Python engine's first release wrote with boto3 `put_item`: integer
 * `placed_at`, numbers as Decimal, the enums' names, and no `workflow_name`.
 */
function firstReleaseItem(workflowId: string, placedAt: number) {
  return {
    id: S(randomUUID()),
    workflow_id: S(workflowId),
    placed_at: N(placedAt),
    order_code: S('DAX.I'),
    order_price: N(18000.5),
    order_quantity: N(2),
    order_direction: S('Sell'),
    order_type: S('Limit'),
    ttl: N(placedAt + ORDER_RETENTION_SECONDS),
  };
}

/** The same engine's later release: a name, an asset type, the trigger's close and where it ran. */
function laterReleaseItem(workflowId: string, placedAt: number) {
  return {
    ...firstReleaseItem(workflowId, placedAt),
    workflow_name: S('Index Mean Reversion'),
    order_direction: S('Buy'),
    order_type: S('OpenStop'),
    asset_type: S('CfdOnIndex'),
    trigger_close: N(17990.25),
    execution_context: S('lambda-event-4f2a'),
  };
}

describe('orders of every writer', () => {
  const dynamo = useTestTable({ tableName: 'orders_writers_test' });
  let server: Server;

  beforeAll(async () => {
    server = await startBackendOn(dynamo);
  });

  async function putItems(items: Record<string, AttributeValue>[]) {
    for (const Item of items) {
      await dynamo.client.send(
        new PutItemCommand({ TableName: dynamo.tableName, Item }),
      );
    }
  }

  /** What each screen is given for one workflow: the tab's page, the detail, the card and the list. */
  async function screensOf(workflowId: string) {
    const history = workflowOrderHistoryResponseSchema.parse(
      (await request(server).get(`${BASE}/workflows/${workflowId}/orders`))
        .body,
    );
    const [newest] = history.orders;
    const detail = newest
      ? workflowOrderDetailSchema.parse(
          (await request(server).get(`${BASE}/orders/${newest.id}`)).body,
        )
      : undefined;
    const card = workflowActivitySchema.parse(
      (await request(server).get(`${BASE}/workflows/${workflowId}/activity`))
        .body,
    );
    const [summary] = summariesResponseSchema.parse(
      (
        await request(server)
          .post(`${BASE}/summaries`)
          .send({ workflow_ids: [workflowId] })
      ).body,
    ).summaries;
    return { history, newest, detail, card, summary };
  }

  /** The tab, the detail, the card and the list tell the same story of one workflow. */
  function expectAgreement(screens: Awaited<ReturnType<typeof screensOf>>) {
    const { history, newest, detail, card, summary } = screens;
    expect(history.total_count).toBe(history.orders.length);
    expect(card.total_count).toBe(history.total_count);
    expect(card.last_order).toEqual(newest);
    expect(detail).toMatchObject(newest!);
    expect(summary).toEqual({
      workflow_id: newest!.workflow_id,
      last_order_timestamp: newest!.placed_at,
      last_order_direction: newest!.order_direction,
      last_order_quantity: newest!.order_quantity,
      last_order_price: newest!.order_price,
      last_order_code: newest!.order_code,
    });
  }

  it("shows the original engine's first-release orders, which have no workflow name", async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = secondsAgo(7200);
    await putItems([
      firstReleaseItem(workflowId, placedAt - 600),
      firstReleaseItem(workflowId, placedAt),
    ]);

    // Act
    const screens = await screensOf(workflowId);

    // Assess
    expect(screens.history.total_count).toBe(2);
    expect(screens.detail).toMatchObject({
      workflow_id: workflowId,
      workflow_name: null,
      placed_at: new Date(placedAt * 1000).toISOString(),
      order_code: 'DAX.I',
      order_price: 18000.5,
      order_quantity: 2,
      order_direction: 'SELL',
      order_type: 'LIMIT',
      asset_type: null,
      trigger_close: null,
      execution_context: null,
    });
    expectAgreement(screens);
  });

  it("shows the original engine's later orders with every field it stores", async () => {
    // Prepare
    const workflowId = randomUUID();
    await putItems([laterReleaseItem(workflowId, secondsAgo(300))]);

    // Act
    const screens = await screensOf(workflowId);

    // Assess
    expect(screens.detail).toMatchObject({
      workflow_name: 'Index Mean Reversion',
      order_direction: 'BUY',
      order_type: 'OPEN_STOP',
      asset_type: 'CfdOnIndex',
      trigger_close: 17990.25,
      execution_context: 'lambda-event-4f2a',
    });
    expectAgreement(screens);
  });

  it('shows the order a person puts with the AWS CLI', async () => {
    // Prepare
    const workflowId = randomUUID();
    await awsCliPutItem({
      endpoint: dynamo.endpoint,
      tableName: dynamo.tableName,
      item: quickstartItem({
        workflowId,
        placedAt: secondsAgo(60),
        id: `test-order-${randomUUID().slice(0, 8)}`,
      }),
    });

    // Act
    const screens = await screensOf(workflowId);

    // Assess
    expect(screens.detail).toMatchObject({
      workflow_name: 'Test Workflow',
      order_code: 'FRA40.I',
      order_price: 7850.25,
      order_quantity: 10,
    });
    expectAgreement(screens);
  });

  it("shows the recorder's orders", async () => {
    // Prepare
    const workflowId = randomUUID();
    const recorder = createOrderRecorder({
      tableName: dynamo.tableName,
      clientConfig: dynamo.clientConfig,
    });
    recorder.record({
      workflow_id: workflowId,
      workflow_name: 'DAX Breakout Strategy',
      order_code: 'FRA40.I',
      order_price: 7850.25,
      order_quantity: 3,
      order_direction: 'BUY',
      order_type: 'STOP_LIMIT',
      asset_type: 'CfdOnIndex',
    });
    await recorder.flush();

    // Act
    const screens = await screensOf(workflowId);

    // Assess
    expect(screens.detail).toMatchObject({
      workflow_name: 'DAX Breakout Strategy',
      order_type: 'STOP_LIMIT',
      order_quantity: 3,
    });
    expectAgreement(screens);
  });

  it('counts and lists the same orders when some cannot be shown, on every page', async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = secondsAgo(3600);
    const { id: _id, ...withoutId } = firstReleaseItem(workflowId, placedAt);
    await putItems([
      ...Array.from({ length: 5 }, (_, index) =>
        firstReleaseItem(workflowId, placedAt - 60 * (index + 1)),
      ),
      withoutId,
      // A time in milliseconds by mistake: in the window forever, but not a time anyone placed.
      firstReleaseItem(workflowId, placedAt * 1000),
    ]);

    // Act
    const pages = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = workflowOrderHistoryResponseSchema.parse(
        (
          await request(server).get(
            `${BASE}/workflows/${workflowId}/orders?limit=2${query}`,
          )
        ).body,
      );
      pages.push(page);
      cursor = page.next_cursor;
    }

    // Assess
    const listed = pages.flatMap(page => page.orders);
    expect(listed).toHaveLength(5);
    expect(new Set(listed.map(order => order.id)).size).toBe(5);
    expect(pages.map(page => page.total_count)).toEqual(
      pages.map(() => listed.length),
    );
    expectAgreement(await screensOf(workflowId));
  });
});
