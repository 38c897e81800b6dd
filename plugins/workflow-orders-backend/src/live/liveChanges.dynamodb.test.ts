import {
  liveChangesResponseSchema,
  type LiveChangesResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { workflowEntity, type TestPolicy } from '../__testUtils__/access';
import { BASE, startBackendOn } from '../__testUtils__/backend';
import { OrderTable, orderItem } from '../__testUtils__/orders';

jest.setTimeout(60_000);

const SEEN = randomUUID();
const OTHER_DESK = randomUUID();
const ENTITIES = [
  workflowEntity('dax-breakout', SEEN),
  workflowEntity('nikkei-momentum', OTHER_DESK),
];
/** A trader of the desk of dax-breakout, not of nikkei-momentum's. */
const trader: TestPolicy = target =>
  target === 'component:default/dax-breakout';

describe('GET /live/changes against DynamoDB', () => {
  // The backend reads through the proxy, which makes the outage.
  const dynamo = useTestTable({
    tableName: 'orders_live_changes',
    faultProxy: true,
  });
  let server: Server;
  let table: OrderTable;

  beforeAll(async () => {
    table = new OrderTable(dynamo.client, dynamo.tableName);
    server = await startBackendOn(dynamo, {
      endpoint: dynamo.proxy.endpoint,
      entities: ENTITIES,
      policy: trader,
    });
  });

  /** The answer of `/live/changes` after `after`, once it holds changes (or when it is incomplete). */
  async function changesAfter(after: number): Promise<LiveChangesResponse> {
    for (;;) {
      const response = await request(server).get(
        `${BASE}/live/changes?after=${after}`,
      );
      expect(response.status).toBe(200);
      const body = liveChangesResponseSchema.parse(response.body);
      if (body.changes.length > 0 || !body.complete) return body;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** The current sequence, which also starts the watcher. */
  const currentSequence = async () =>
    (await request(server).get(`${BASE}/live/changes`)).body.sequence as number;

  it('answers an order written after the watch began, of the caller’s workflows only', async () => {
    const after = await currentSequence();
    const placedAt = Date.now() / 1000 + 0.5;
    const order = orderItem({ workflow_id: SEEN, placed_at: placedAt });

    await table.record([
      orderItem({ workflow_id: OTHER_DESK, placed_at: placedAt + 0.1 }),
      order,
    ]);
    const answer = await changesAfter(after);

    expect(answer).toEqual({
      sequence: expect.any(Number),
      complete: true,
      interval_seconds: 2,
      changes: [
        expect.objectContaining({
          id: order.id,
          workflow_id: SEEN,
          placed_at: new Date(Math.round(placedAt * 1000)).toISOString(),
        }),
      ],
    });
    expect(JSON.stringify(answer)).not.toContain(OTHER_DESK);
  });

  it('answers the orders written during an outage once DynamoDB answers again', async () => {
    const after = await currentSequence();
    await new Promise(resolve => setTimeout(resolve, 2500));

    dynamo.proxy.set({ blackhole: true });
    const placedAt = Date.now() / 1000 + 0.5;
    const order = orderItem({ workflow_id: SEEN, placed_at: placedAt });
    await table.record([order]);
    await new Promise(resolve => setTimeout(resolve, 3000));
    dynamo.proxy.set({ blackhole: false });
    const answer = await changesAfter(after);

    expect(answer).toMatchObject({
      complete: true,
      changes: [{ id: order.id, workflow_id: SEEN }],
    });
  });
});
