import { mockServices } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { storedRecord } from '../__testUtils__/access';
import { LiveViewers, MAX_TAB_ORDERS } from './LiveViewers';

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';
const order = (workflowId: string) =>
  storedRecord({ id: `order-of-${workflowId}`, workflow_id: workflowId });

/** Viewers publishing into a list, on a clock the test moves, with a store of new orders. */
function viewersOf(
  options: {
    maxViewers?: number;
    failing?: boolean;
    newOrders?: Record<string, WorkflowOrderRecord[]>;
  } = {},
) {
  const published: SignalPayload[] = [];
  const reads: Array<{ workflowId: string; after: number }> = [];
  const logger = mockServices.logger.mock();
  const clock = { now: 1_000_000 };
  const viewers = new LiveViewers({
    signals: {
      publish: async signal => {
        if (options.failing) throw new Error('the events bus is down');
        published.push(signal);
      },
    },
    logger,
    leaseMs: 60_000,
    maxViewers: options.maxViewers,
    now: () => clock.now,
    readOrdersAfter: async ({ workflowId, after, limit }) => {
      reads.push({ workflowId, after });
      const orders = (options.newOrders?.[workflowId] ?? []).filter(
        placed => placed.placed_at > after,
      );
      return { orders: orders.slice(0, limit), more: orders.length > limit };
    },
  });
  /** Who got which changes, by the ids of the orders. */
  const received = () =>
    published.map(({ recipients, message }) => ({
      users: recipients.type === 'user' ? recipients.entityRef : 'everyone',
      changes: (message.changes as Array<{ id: string }> | undefined)?.map(
        change => change.id,
      ),
    }));
  return { viewers, published, received, logger, clock, reads };
}

const everything = () => true;
const onlyW1 = (workflowId: string) => workflowId === W1;

describe('LiveViewers', () => {
  it('pushes each user the changes they may see; users who may see the same share one message', async () => {
    const { viewers, received, published } = viewersOf();
    viewers.renew('user:default/olivia', everything);
    viewers.renew('user:default/quinn', everything);
    viewers.renew('user:default/tara', onlyW1);

    await viewers.push({
      sequence: 12,
      delta: { after: 10, orders: [order(W2), order(W1)] },
    });

    expect(received()).toEqual([
      {
        users: ['user:default/olivia', 'user:default/quinn'],
        changes: [`order-of-${W2}`, `order-of-${W1}`],
      },
      { users: ['user:default/tara'], changes: [`order-of-${W1}`] },
    ]);
    expect(published[1].message).toMatchObject({
      type: 'orders-changed',
      sequence: 12,
      after: 10,
    });
    expect(JSON.stringify(published[1])).not.toContain(W2);
  });

  it('carries the new orders of a shown Orders tab, read once for every viewer of it', async () => {
    const placed = (workflowId: string, at: number) =>
      storedRecord({
        id: `${workflowId}-${at}`,
        workflow_id: workflowId,
        placed_at: at,
      });
    const newOrders = [placed(W1, 1_700_000_030), placed(W1, 1_700_000_020)];
    const { viewers, published, reads } = viewersOf({
      newOrders: {
        // One more, placed after the index was read: the next push carries it.
        [W1]: [
          placed(W1, 1_700_000_040),
          ...newOrders,
          placed(W1, 1_700_000_010),
        ],
      },
    });
    viewers.renew('user:default/olivia', everything, [W1]);
    viewers.renew('user:default/quinn', everything, [W1]);
    viewers.renew('user:default/tara', onlyW1);
    viewers.renew('user:default/nina', (id: string) => id === W2, [W1]);

    await viewers.push({
      sequence: 3,
      delta: {
        after: 2,
        orders: [newOrders[0], order(W2)],
        priors: new Map([[W1, 1_700_000_010]]),
      },
    });

    expect(reads).toEqual([{ workflowId: W1, after: 1_700_000_010 }]);
    const tabsOf = (user: string) =>
      published.find(
        ({ recipients }) =>
          recipients.type === 'user' && recipients.entityRef.includes(user),
      )?.message.tabs;
    expect(tabsOf('user:default/olivia')).toEqual({
      [W1]: {
        since: '2023-11-14T22:13:30.000Z',
        orders: [
          expect.objectContaining({ id: newOrders[0].id }),
          expect.objectContaining({ id: newOrders[1].id }),
        ],
      },
    });
    expect(tabsOf('user:default/quinn')).toEqual(tabsOf('user:default/olivia'));
    expect(tabsOf('user:default/tara')).toBeUndefined();
    expect(tabsOf('user:default/nina')).toBeUndefined();
  });

  it('leaves a tab to load its page again when the workflow was unknown or placed too many orders', async () => {
    const many = Array.from({ length: MAX_TAB_ORDERS + 1 }, (_, n) =>
      storedRecord({
        id: `many-${n}`,
        workflow_id: W2,
        placed_at: 1_700_000_100 - n,
      }),
    );
    const { viewers, published } = viewersOf({ newOrders: { [W2]: many } });
    viewers.renew('user:default/olivia', everything, [W1, W2]);

    await viewers.push({
      sequence: 3,
      delta: {
        after: 2,
        orders: [many[0], order(W1)],
        priors: new Map([[W2, 1_700_000_000]]),
      },
    });

    expect(published).toHaveLength(1);
    expect(published[0].message.tabs).toBeUndefined();
  });

  it('tells a user who may see none of the changes only that the sequence moved', async () => {
    const { viewers, published } = viewersOf();
    viewers.renew('user:default/tara', onlyW1);

    await viewers.push({
      sequence: 11,
      delta: { after: 10, orders: [order(W2)] },
    });

    expect(published.map(signal => signal.message)).toEqual([
      { type: 'orders-changed', sequence: 11, after: 10, changes: [] },
    ]);
  });

  it('sends only the sequence when the changes are not all known, so browsers ask', async () => {
    const { viewers, published } = viewersOf();
    viewers.renew('user:default/tara', onlyW1);

    await viewers.push({ sequence: 20 });

    expect(published.map(signal => signal.message)).toEqual([
      { type: 'orders-changed', sequence: 20 },
    ]);
  });

  it('stops pushing to a user whose lease lapsed, and keeps at most maxViewers', async () => {
    const { viewers, received, clock } = viewersOf({ maxViewers: 2 });
    viewers.renew('user:default/olivia', everything);
    clock.now += 45_000;
    viewers.renew('user:default/quinn', everything);
    viewers.renew('user:default/tara', everything);
    const kept = viewers.size;
    clock.now += 30_000;

    await viewers.push({
      sequence: 2,
      delta: { after: 1, orders: [order(W1)] },
    });

    expect(kept).toBe(2);
    expect(received()).toEqual([
      {
        users: ['user:default/quinn', 'user:default/tara'],
        changes: [`order-of-${W1}`],
      },
    ]);
  });

  it('publishes nothing while nobody watches, and logs a push that fails instead of throwing', async () => {
    const idle = viewersOf();
    await idle.viewers.push({
      sequence: 2,
      delta: { after: 1, orders: [order(W1)] },
    });
    const failing = viewersOf({ failing: true });
    failing.viewers.renew('user:default/tara', everything);

    await failing.viewers.push({
      sequence: 2,
      delta: { after: 1, orders: [order(W1)] },
    });

    expect(idle.published).toEqual([]);
    expect(failing.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('the events bus is down'),
    );
  });
});
