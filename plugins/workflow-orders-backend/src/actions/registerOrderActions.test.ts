import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  cursors,
  HIDDEN,
  readsWith,
  storedRecord,
  trader,
  UNLINKED,
  VISIBLE,
} from '../__testUtils__/access';
import { useMockStore } from '../__testUtils__/routes';
import { registerOrderActions } from './registerOrderActions';

const alice = mockCredentials.user('user:default/alice');

describe('registerOrderActions', () => {
  const store = useMockStore();

  const registryWith = () => {
    const services = readsWith({ store, policy: trader });
    const actionsRegistry = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerOrderActions({ actionsRegistry, reads: services.reads, cursors });
    const invoke = (name: string, input: object) =>
      actionsRegistry.invoke({
        id: `test:${name}`,
        input: input as any,
        credentials: alice,
      });
    return { actionsRegistry, invoke, ...services };
  };

  it('registers four read-only, idempotent, non-destructive actions', async () => {
    const { actionsRegistry } = registryWith();

    const { actions } = await actionsRegistry.list();

    expect(actions.map(action => action.name)).toEqual([
      'get-workflow-orders',
      'get-order',
      'get-last-orders',
      'list-latest-orders',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
    }
  });

  describe('get-workflow-orders', () => {
    it('lists the recent orders of a workflow the caller may see', async () => {
      // Prepare
      store.getHistory.mockResolvedValue({
        orders: [storedRecord()],
        totalCount: 7,
      });
      const { invoke } = registryWith();

      // Act
      const { output } = await invoke('get-workflow-orders', {
        workflowId: VISIBLE.toUpperCase(),
      });

      // Assess
      expect(output).toEqual({
        workflow_id: VISIBLE,
        orders: [
          expect.objectContaining({
            id: 'order-1',
            placed_at: '2026-01-01T00:00:00.250Z',
          }),
        ],
        total_count: 7,
        next_cursor: null,
      });
      expect(store.getHistory).toHaveBeenCalledWith({
        workflowId: VISIBLE,
        limit: 20,
        sort: 'newest',
      });
    });

    it('pages with the cursor of the previous page, as the route does', async () => {
      // Prepare: a first page with more to follow
      store.getHistory.mockResolvedValueOnce({
        orders: [storedRecord()],
        totalCount: 2,
        nextPlacedAt: 1767225600.25,
      });
      store.getHistory.mockResolvedValueOnce({
        orders: [storedRecord({ id: 'order-2' })],
        totalCount: 2,
      });
      const { invoke } = registryWith();

      // Act
      const first = await invoke('get-workflow-orders', {
        workflowId: VISIBLE,
        limit: 1,
        sort: 'oldest',
      });
      const second = await invoke('get-workflow-orders', {
        workflowId: VISIBLE,
        limit: 1,
        sort: 'oldest',
        cursor: (first.output as { next_cursor: string }).next_cursor,
      });

      // Assess
      expect(first.output).toMatchObject({ next_cursor: expect.any(String) });
      expect(second.output).toMatchObject({ next_cursor: null });
      expect(store.getHistory).toHaveBeenLastCalledWith({
        workflowId: VISIBLE,
        limit: 1,
        sort: 'oldest',
        afterPlacedAt: 1767225600.25,
      });
    });

    it('refuses a forged cursor, or one of another sort, naming what to do', async () => {
      const { invoke } = registryWith();
      const newest = cursors.encode({ workflowId: VISIBLE, placedAt: 1 }, '');

      await expect(
        invoke('get-workflow-orders', {
          workflowId: VISIBLE,
          cursor: 'eyJmb3JnZWQiOnRydWV9',
        }),
      ).rejects.toThrow('cursor is not valid');
      await expect(
        invoke('get-workflow-orders', {
          workflowId: VISIBLE,
          sort: 'oldest',
          cursor: newest,
        }),
      ).rejects.toThrow('cursor belongs to another sort or filter');
      expect(store.getHistory).not.toHaveBeenCalled();
    });

    it('takes the sort and filters of the route, in any case', async () => {
      store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });
      const { invoke } = registryWith();

      await invoke('get-workflow-orders', {
        workflowId: VISIBLE,
        limit: 5,
        sort: 'oldest',
        direction: 'sell',
        code: 'dax.i',
      });

      expect(store.getHistory).toHaveBeenCalledWith({
        workflowId: VISIBLE,
        limit: 5,
        sort: 'oldest',
        direction: 'SELL',
        code: 'DAX.I',
      });
    });

    it('refuses a direction the route refuses, with the same message', async () => {
      const { invoke } = registryWith();

      await expect(
        invoke('get-workflow-orders', {
          workflowId: VISIBLE,
          direction: 'HOLD',
        }),
      ).rejects.toThrow('direction must be BUY or SELL');
      expect(store.getHistory).not.toHaveBeenCalled();
    });

    it('fails for a hidden workflow exactly as for an unknown one', async () => {
      const { invoke } = registryWith();

      const hidden = invoke('get-workflow-orders', { workflowId: HIDDEN });
      const unknown = invoke('get-workflow-orders', { workflowId: UNLINKED });

      await expect(hidden).rejects.toThrow(`No workflow ${HIDDEN} was found`);
      await expect(unknown).rejects.toThrow(
        `No workflow ${UNLINKED} was found`,
      );
      expect(store.getHistory).not.toHaveBeenCalled();
    });

    it('refuses what the route refuses, with the same message', async () => {
      const { invoke } = registryWith();

      await expect(
        invoke('get-workflow-orders', { workflowId: 'wf-1' }),
      ).rejects.toThrow('workflowId must be a UUID');
    });
  });

  describe('get-order', () => {
    it("gives an order of a workflow the caller may see, with the route's fields", async () => {
      store.getOrder.mockResolvedValue(storedRecord({ workflow_id: VISIBLE }));
      const { invoke } = registryWith();

      const { output } = await invoke('get-order', { orderId: 'order-1' });

      expect(output).toMatchObject({
        id: 'order-1',
        workflow_name: 'DAX Breakout Strategy',
        expires_at: '2026-01-08T00:00:00.000Z',
      });
    });

    it('fails for an order of a hidden workflow exactly as for an unknown order', async () => {
      // Prepare
      store.getOrder
        .mockResolvedValueOnce(storedRecord({ workflow_id: HIDDEN }))
        .mockResolvedValueOnce(undefined);
      const { invoke } = registryWith();

      // Act
      const ofHidden = await invoke('get-order', { orderId: 'order-1' }).catch(
        error => error,
      );
      const unknown = await invoke('get-order', { orderId: 'order-1' }).catch(
        error => error,
      );

      // Assess
      expect(ofHidden).toMatchObject({ name: 'NotFoundError' });
      expect(ofHidden.message).toBe(unknown.message);
      expect(unknown).toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('get-last-orders', () => {
    it('summarises the workflows the caller may see, null for the others', async () => {
      // Prepare
      store.getLastOrders.mockResolvedValue([
        storedRecord({ workflow_id: VISIBLE }),
      ]);
      const { invoke, catalog, permissions } = registryWith();

      // Act
      const { output } = await invoke('get-last-orders', {
        workflowIds: [HIDDEN, VISIBLE, UNLINKED],
      });

      // Assess
      expect(output).toEqual({
        summaries: [
          null,
          expect.objectContaining({
            workflow_id: VISIBLE,
            last_order_code: 'FRA40.I',
          }),
          null,
        ],
      });
      expect(store.getLastOrders).toHaveBeenCalledWith({
        workflowIds: [VISIBLE],
      });
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(permissions.authorize).toHaveBeenCalledTimes(1);
    });
  });

  describe('list-latest-orders', () => {
    it('lists the latest orders of the workflows the caller may see, with their names', async () => {
      // Prepare: a store that pages as the real one: only the workflows named, if any, and not
      // those left out as not visible
      store.getLatestOrders.mockImplementation(
        async ({ isVisible, workflowIds }) => ({
          orders: [HIDDEN, UNLINKED, VISIBLE]
            .filter(id => !workflowIds || workflowIds.includes(id))
            .filter(id => isVisible?.(id) ?? true)
            .map(id => storedRecord({ workflow_id: id })),
        }),
      );
      const { invoke } = registryWith();

      // Act
      const { output } = await invoke('list-latest-orders', {
        direction: 'buy',
      });

      // Assess
      expect(output).toEqual({
        orders: [
          expect.objectContaining({
            workflow_id: VISIBLE,
            workflow_name: 'DAX Breakout Strategy',
            placed_at: '2026-01-01T00:00:00.250Z',
          }),
        ],
        next_cursor: null,
      });
      expect(store.getLatestOrders).toHaveBeenCalledWith(
        expect.objectContaining({ limit: 50, direction: 'BUY' }),
      );
    });

    it('pages with the cursor of the previous page and refuses a forged one', async () => {
      // Prepare
      const position = { workflowId: VISIBLE, placedAt: 1767225600 };
      store.getLatestOrders.mockResolvedValueOnce({
        orders: [storedRecord({ workflow_id: VISIBLE })],
        next: position,
      });
      store.getLatestOrders.mockResolvedValueOnce({ orders: [] });
      const { invoke } = registryWith();

      // Act
      const first = await invoke('list-latest-orders', { limit: 1 });
      const cursor = (first.output as { next_cursor: string }).next_cursor;
      await invoke('list-latest-orders', { limit: 1, cursor });

      // Assess
      expect(store.getLatestOrders).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 1, after: position }),
      );
      await expect(
        invoke('list-latest-orders', { cursor: `${cursor}x` }),
      ).rejects.toThrow('cursor is not valid');
      await expect(
        invoke('list-latest-orders', { direction: 'SELL', cursor }),
      ).rejects.toThrow('cursor belongs to another filter');
    });

    it('refuses workflow ids the route refuses, with the same message', async () => {
      const { invoke } = registryWith();

      await expect(
        invoke('list-latest-orders', { workflowIds: ['wf-1'] }),
      ).rejects.toThrow('workflow_ids.0 must be a UUID');
      expect(store.getLatestOrders).not.toHaveBeenCalled();
    });
  });

  it('audits each call as one event with the caller of the action', async () => {
    // Prepare
    store.getActivity.mockResolvedValue({ totalCount: 0, dailyCounts: [] });
    store.getHistory.mockResolvedValue({ orders: [], totalCount: 0 });
    const { invoke, auditor, events } = registryWith();

    // Act
    await invoke('get-workflow-orders', { workflowId: VISIBLE });

    // Assess
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    const [{ meta, ...event }] = auditor.createEvent.mock.calls[0];
    expect(event).toEqual({ eventId: 'orders-fetch', request: undefined });
    expect(meta).toEqual({
      queryType: 'history',
      workflowId: VISIBLE,
      caller: 'user:default/alice',
      via: 'action',
    });
    expect(events[0].success).toHaveBeenCalledWith({
      meta: { decision: 'allowed' },
    });
  });
});
