import { WorkflowOrderSummary } from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi } from '../api';
import { OrderSummaryStore } from './OrderSummaryStore';

const ids = [
  '3f2b8c1e-5d4a-4c7b-9e21-0a6f1d2c3b4a',
  '7a1c9e2d-4b3f-4e8a-8c5d-1f2e3a4b5c6d',
  'c9e8d7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
];

function summaryOf(workflowId: string): WorkflowOrderSummary {
  return {
    workflow_id: workflowId,
    last_order_timestamp: '2025-11-19T12:00:00.000Z',
    last_order_direction: 'BUY',
    last_order_quantity: 1,
    last_order_price: 2,
    last_order_code: 'DAX.I',
  };
}

function fakeApi() {
  const getSummaries = jest.fn(
    async ({
      workflowIds,
    }: {
      workflowIds: string[];
    }): Promise<Array<WorkflowOrderSummary | null>> =>
      workflowIds.map(summaryOf),
  );
  return {
    api: { getSummaries } as unknown as WorkflowOrdersApi,
    getSummaries,
  };
}

describe('OrderSummaryStore', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks for every row subscribed in the same tick in one request', async () => {
    // Prepare
    const { api, getSummaries } = fakeApi();
    const store = new OrderSummaryStore(api);

    // Act
    ids.forEach(id => store.subscribe(id, () => {}));
    await jest.advanceTimersByTimeAsync(0);

    // Assess
    expect(getSummaries).toHaveBeenCalledTimes(1);
    expect(getSummaries).toHaveBeenCalledWith({ workflowIds: ids });
    expect(store.get(ids[1])).toMatchObject({
      status: 'loaded',
      summary: summaryOf(ids[1]),
    });
  });

  it('keeps a null summary, of a workflow the user may not see, as loaded, beside the others', async () => {
    // Prepare
    const { api, getSummaries } = fakeApi();
    getSummaries.mockImplementation(async ({ workflowIds }) =>
      workflowIds.map((id, index) => (index === 1 ? null : summaryOf(id))),
    );
    const store = new OrderSummaryStore(api);

    // Act
    ids.forEach(id => store.subscribe(id, () => {}));
    await jest.advanceTimersByTimeAsync(0);

    // Assess
    expect(store.get(ids[1])).toMatchObject({
      status: 'loaded',
      summary: null,
    });
    expect(store.get(ids[2])).toMatchObject({
      status: 'loaded',
      summary: summaryOf(ids[2]),
    });
  });

  it('serves a row that comes back from its cache', async () => {
    const { api, getSummaries } = fakeApi();
    const store = new OrderSummaryStore(api);
    const unsubscribe = store.subscribe(ids[0], () => {});
    await jest.advanceTimersByTimeAsync(0);
    unsubscribe();

    store.subscribe(ids[0], () => {});
    await jest.advanceTimersByTimeAsync(0);

    expect(getSummaries).toHaveBeenCalledTimes(1);
  });

  it('refreshes every shown row in one request each minute, and only while the tab is visible', async () => {
    // Prepare
    const { api, getSummaries } = fakeApi();
    const store = new OrderSummaryStore(api);
    ids.forEach(id => store.subscribe(id, () => {}));
    await jest.advanceTimersByTimeAsync(0);

    // Act
    await jest.advanceTimersByTimeAsync(60_000);
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => 'hidden',
    });
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => 'visible',
    });

    // Assess
    expect(getSummaries).toHaveBeenCalledTimes(2);
    expect(getSummaries).toHaveBeenLastCalledWith({ workflowIds: ids });
  });

  it('tells the rows of a failed request, and keeps values already shown when a refresh fails', async () => {
    // Prepare
    const { api, getSummaries } = fakeApi();
    const store = new OrderSummaryStore(api);
    store.subscribe(ids[0], () => {});
    await jest.advanceTimersByTimeAsync(0);
    getSummaries.mockRejectedValue(
      new Error('Request failed with 503 Service Unavailable'),
    );

    // Act
    store.subscribe(ids[1], () => {});
    await jest.advanceTimersByTimeAsync(60_000);

    // Assess
    expect(store.get(ids[0])).toMatchObject({ status: 'loaded' });
    expect(store.get(ids[1])).toMatchObject({
      status: 'error',
      error: new Error('Request failed with 503 Service Unavailable'),
    });
  });
});
