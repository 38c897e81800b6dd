import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  accessWith,
  mockStore,
  recordingAuditor,
  storedRecord,
} from '../__testUtils__/access';
import type { LatestOrdersOptions } from '../database/OrderStore';
import { createOrderReads } from './OrderReads';
import type { WorkflowDecision } from './WorkflowAccess';

const VISIBLE = '550e8400-e29b-41d4-a716-446655440000';
const HIDDEN = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';
const UNLINKED = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';
const context = { credentials: mockCredentials.user(), via: 'action' } as const;
const outage = () => new ServiceUnavailableError('DynamoDB did not answer');

/** The reads over a store double and the decisions of a trader: VISIBLE only. */
function setup(
  decisions: Record<string, WorkflowDecision> = {
    [VISIBLE]: 'allowed',
    [HIDDEN]: 'denied',
  },
  options: { unlinked?: boolean; directReadLimit?: number } = {},
) {
  const store = mockStore();
  const access = accessWith(decisions, options);
  const { auditor, events } = recordingAuditor();
  const reads = createOrderReads({
    store,
    access,
    auditor,
    directReadLimit: options.directReadLimit,
  });
  return { reads, store, access, auditor, events };
}

describe('createOrderReads', () => {
  describe.each([
    ['history', 'getHistory', { limit: 20, sort: 'newest' as const }],
    ['activity', 'getActivity', { days: 7 }],
  ] as const)('%s', (read, storeMethod, rest) => {
    const asked = (workflowId: string) => ({ workflowId, ...rest }) as any;

    it('reads a workflow the caller may see and records the allowed decision', async () => {
      // Prepare
      const { reads, store, auditor, events } = setup();
      const value = { orders: [], totalCount: 0, dailyCounts: [] };
      store[storeMethod].mockResolvedValue(value);

      // Act
      const result = await reads[read](asked(VISIBLE), context);

      // Assess
      expect(result).toBe(value);
      expect(store[storeMethod]).toHaveBeenCalledWith(asked(VISIBLE));
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'orders-fetch',
        request: undefined,
        meta: {
          queryType: read,
          workflowId: VISIBLE,
          caller: 'user:default/mock',
          via: 'action',
        },
      });
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { decision: 'allowed' },
      });
    });

    it.each([
      [HIDDEN, 'denied'],
      [UNLINKED, 'unknown'],
    ])(
      'answers %s (%s) with the 404 of an unknown workflow, reading nothing',
      async (workflowId, decision) => {
        const { reads, store, events } = setup();

        const reading = reads[read](asked(workflowId), context);

        await expect(reading).rejects.toThrow(NotFoundError);
        await expect(reading).rejects.toThrow(
          `No workflow ${workflowId} was found`,
        );
        expect(store[storeMethod]).not.toHaveBeenCalled();
        expect(events[0].fail).toHaveBeenCalledWith({
          error: expect.any(NotFoundError),
          meta: { decision },
        });
      },
    );

    it('reads an unlinked workflow for a caller who may read unlinked ones', async () => {
      const { reads, store } = setup({}, { unlinked: true });
      store[storeMethod].mockResolvedValue({} as any);

      await reads[read](asked(UNLINKED), context);

      expect(store[storeMethod]).toHaveBeenCalledWith(asked(UNLINKED));
    });

    it("fails the event with the store's error", async () => {
      const { reads, store, events } = setup();
      const error = outage();
      store[storeMethod].mockRejectedValue(error);

      await expect(reads[read](asked(VISIBLE), context)).rejects.toBe(error);
      expect(events[0].fail).toHaveBeenCalledWith({
        error,
        meta: { decision: 'allowed' },
      });
    });
  });

  describe('order', () => {
    const notFound =
      'No order order-1: it does not exist or expired after 7 days';

    it("answers an order of a visible workflow, deciding on its workflow's id in lower case", async () => {
      // Prepare
      const { reads, store, access, auditor, events } = setup();
      const record = storedRecord({ workflow_id: VISIBLE.toUpperCase() });
      store.getOrder.mockResolvedValue(record);

      // Act
      const order = await reads.order({ orderId: 'order-1' }, context);

      // Assess
      expect(order).toBe(record);
      expect(access.decide).toHaveBeenCalledWith(
        expect.objectContaining({ workflowIds: [VISIBLE] }),
      );
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { decision: 'allowed', workflowId: VISIBLE.toUpperCase() },
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: expect.objectContaining({
            queryType: 'order',
            orderId: 'order-1',
          }),
        }),
      );
    });

    it.each([
      ['of a hidden workflow', HIDDEN, 'denied', HIDDEN],
      ['of an unlinked workflow', UNLINKED, 'unknown', UNLINKED],
      ['that is unknown', undefined, 'unknown', null],
    ])(
      'answers an order %s with the 404 of an unknown order',
      async (_case, workflowId, decision, recorded) => {
        const { reads, store, events } = setup();
        store.getOrder.mockResolvedValue(
          workflowId ? storedRecord({ workflow_id: workflowId }) : undefined,
        );

        const reading = reads.order({ orderId: 'order-1' }, context);

        await expect(reading).rejects.toThrow(NotFoundError);
        await expect(reading).rejects.toThrow(notFound);
        expect(events[0].fail).toHaveBeenCalledWith({
          error: expect.any(NotFoundError),
          meta: { decision, workflowId: recorded },
        });
      },
    );

    it("fails the event with the store's error", async () => {
      const { reads, store, events } = setup();
      const error = outage();
      store.getOrder.mockRejectedValue(error);

      await expect(reads.order({ orderId: 'order-1' }, context)).rejects.toBe(
        error,
      );
      expect(events[0].fail).toHaveBeenCalledWith({ error, meta: undefined });
    });
  });

  describe('lastOrders', () => {
    it('reads only the workflows the caller may see, null for the others, in the order asked', async () => {
      // Prepare
      const { reads, store, auditor, events } = setup();
      const last = storedRecord({ workflow_id: VISIBLE });
      store.getLastOrders.mockResolvedValue([last]);

      // Act
      const result = await reads.lastOrders(
        { workflowIds: [HIDDEN, VISIBLE, UNLINKED] },
        context,
      );

      // Assess
      expect(result).toEqual([null, last, null]);
      expect(store.getLastOrders).toHaveBeenCalledWith({
        workflowIds: [VISIBLE],
      });
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { allowed: 1, denied: 1, unknown: 1 },
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: expect.objectContaining({
            queryType: 'summaries',
            workflowCount: 3,
          }),
        }),
      );
    });

    it('answers undefined for a visible workflow without orders, and reads nothing when none is visible', async () => {
      const { reads, store } = setup();
      store.getLastOrders.mockResolvedValue([undefined]);

      const some = await reads.lastOrders({ workflowIds: [VISIBLE] }, context);
      const none = await reads.lastOrders({ workflowIds: [HIDDEN] }, context);

      expect(some).toEqual([undefined]);
      expect(none).toEqual([null]);
      expect(store.getLastOrders).toHaveBeenCalledTimes(1);
    });
  });

  describe('latestOrders', () => {
    const asked = { limit: 50 };
    const page = { orders: [storedRecord({ workflow_id: VISIBLE })] };

    it.each([
      ['named, all visible', [VISIBLE], {}, 'all'],
      [
        'named, some visible',
        [VISIBLE, HIDDEN],
        { isVisible: expect.any(Function) },
        'some',
      ],
    ] as const)(
      'reads the workflows %s with %j',
      async (_case, workflowIds, filter, visible) => {
        const { reads, store, events } = setup();
        store.getLatestOrders.mockResolvedValue(page);

        const result = await reads.latestOrders(
          { ...asked, workflowIds: [...workflowIds] },
          context,
        );

        expect(result).toBe(page);
        expect(store.getLatestOrders).toHaveBeenCalledWith({
          ...asked,
          workflowIds,
          ...filter,
        });
        expect(events[0].success).toHaveBeenCalledWith({
          meta: { rows: 1, visible },
        });
      },
    );

    it('tells the store which rows of named workflows it may show', async () => {
      const { reads, store } = setup();
      store.getLatestOrders.mockResolvedValue(page);

      await reads.latestOrders(
        { ...asked, workflowIds: [VISIBLE, HIDDEN] },
        context,
      );

      const { isVisible } = store.getLatestOrders.mock
        .calls[0][0] as LatestOrdersOptions;
      expect([VISIBLE, HIDDEN, UNLINKED].map(id => isVisible!(id))).toEqual([
        true,
        false,
        false,
      ]);
    });

    it.each([
      [
        'names only hidden workflows',
        [HIDDEN, UNLINKED],
        { [VISIBLE]: 'allowed' },
      ],
      ['may see no workflow', undefined, { [HIDDEN]: 'denied' }],
    ] as const)(
      'answers an empty page without reading when the caller %s',
      async (_case, workflowIds, decisions) => {
        const { reads, store, events } = setup(decisions);

        const result = await reads.latestOrders(
          { ...asked, workflowIds: workflowIds && [...workflowIds] },
          context,
        );

        expect(result).toEqual({ orders: [] });
        expect(store.getLatestOrders).not.toHaveBeenCalled();
        expect(events[0].success).toHaveBeenCalledWith({
          meta: { rows: 0, visible: 'none' },
        });
      },
    );

    it('reads every row for a caller who may see every workflow', async () => {
      const { reads, store } = setup(
        { [VISIBLE]: 'allowed' },
        { unlinked: true },
      );
      store.getLatestOrders.mockResolvedValue(page);

      await reads.latestOrders(asked, context);

      expect(store.getLatestOrders).toHaveBeenCalledWith(asked);
    });

    it('reads the few workflows a caller may see directly, by their ids', async () => {
      const { reads, store, events } = setup({
        [VISIBLE]: 'allowed',
        [UNLINKED]: 'allowed',
        [HIDDEN]: 'denied',
      });
      store.getLatestOrders.mockResolvedValue(page);

      await reads.latestOrders(asked, context);

      expect(store.getLatestOrders).toHaveBeenCalledWith({
        ...asked,
        workflowIds: [VISIBLE, UNLINKED],
      });
      expect(events[0].success).toHaveBeenCalledWith({
        meta: { rows: 1, visible: 'some' },
      });
    });

    it.each([
      [
        'who may read unlinked workflows but not every one',
        { [HIDDEN]: 'denied' },
        { unlinked: true },
      ],
      [
        'who sees more workflows than it reads directly',
        { [VISIBLE]: 'allowed', [UNLINKED]: 'allowed', [HIDDEN]: 'denied' },
        { directReadLimit: 1 },
      ],
    ] as const)(
      'pages past the rows hidden from a caller %s',
      async (_case, decisions, options) => {
        const { reads, store, events } = setup(decisions, options);
        store.getLatestOrders.mockResolvedValue(page);

        await reads.latestOrders(asked, context);

        const { workflowIds, isVisible } =
          store.getLatestOrders.mock.calls[0][0];
        expect(workflowIds).toBeUndefined();
        expect([VISIBLE, UNLINKED, HIDDEN].map(id => isVisible!(id))).toEqual([
          true,
          true,
          false,
        ]);
        expect(events[0].success).toHaveBeenCalledWith({
          meta: { rows: 1, visible: 'some' },
        });
      },
    );

    it('records what was asked, and fails the event with the store error', async () => {
      const { reads, store, auditor, events } = setup();
      const error = outage();
      store.getLatestOrders.mockRejectedValue(error);

      const reading = reads.latestOrders(
        { limit: 10, direction: 'SELL', code: 'DAX.I', workflowIds: [VISIBLE] },
        context,
      );

      await expect(reading).rejects.toBe(error);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          meta: {
            queryType: 'latest-orders',
            limit: 10,
            direction: 'SELL',
            code: 'DAX.I',
            workflowCount: 1,
            caller: 'user:default/mock',
            via: 'action',
          },
        }),
      );
      expect(events[0].fail).toHaveBeenCalledWith({ error, meta: undefined });
    });
  });
});
