import { useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { orderItem, storeOn } from '../__testUtils__/orders';
import type { DynamoDbOrderStore } from './DynamoDbOrderStore';

jest.setTimeout(60_000);

const NOW = Date.now() / 1000;
/** 30 workflows, one latest order a minute apart, the newest a minute ago. */
const WORKFLOWS = Array.from({ length: 30 }, (_, index) => ({
  workflowId: randomUUID(),
  placedAt: NOW - 60 * (index + 1),
}));

describe('DynamoDbOrderStore.getLatestOrdersSince', () => {
  const dynamo = useTestTable({ tableName: 'orders_latest_since' });
  let store: DynamoDbOrderStore;

  beforeAll(async () => {
    const stored = await storeOn(dynamo);
    store = stored.store;
    // An older order of the first workflow too: only its latest order is read.
    await stored.table.record([
      orderItem({
        workflow_id: WORKFLOWS[0].workflowId,
        placed_at: NOW - 3600,
      }),
      ...WORKFLOWS.map(w =>
        orderItem({ workflow_id: w.workflowId, placed_at: w.placedAt }),
      ),
    ]);
  });

  /** The workflows of an answer, in its order. */
  const workflowsOf = (answer: { orders: Array<{ workflow_id: string }> }) =>
    answer.orders.map(order => order.workflow_id);

  it('answers the latest orders placed since the time, newest first', async () => {
    const since = WORKFLOWS[11].placedAt;

    const answer = await store.getLatestOrdersSince({ since, limit: 100 });

    expect({ workflows: workflowsOf(answer), more: answer.more }).toEqual({
      workflows: WORKFLOWS.slice(0, 12).map(w => w.workflowId),
      more: false,
    });
  });

  it('stops at the limit and says more rows follow', async () => {
    const answer = await store.getLatestOrdersSince({
      since: NOW - 86_400,
      limit: 25,
    });

    expect({ workflows: workflowsOf(answer), more: answer.more }).toEqual({
      workflows: WORKFLOWS.slice(0, 25).map(w => w.workflowId),
      more: true,
    });
  });

  it('answers nothing when no latest order was placed since the time', async () => {
    const answer = await store.getLatestOrdersSince({ since: NOW, limit: 10 });

    expect(answer).toEqual({ orders: [], more: false });
  });
});
