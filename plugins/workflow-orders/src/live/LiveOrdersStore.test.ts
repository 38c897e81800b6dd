import { waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import {
  TEST_BASE_URL,
  createTestClient,
  daxBreakout,
  eurUsdMeanReversion,
  setupMockBackend,
  spxSwing,
} from '../__testUtils__';
import { newLatestOrder, serveLiveChanges } from '../__testUtils__/live';
import { LiveOrdersEvent, LiveOrdersStore } from './LiveOrdersStore';

const hintOf = (sequence: number) => ({ type: 'orders-changed', sequence });

describe('LiveOrdersStore', () => {
  const { server, requests } = setupMockBackend();
  const liveRequests = () =>
    requests
      .filter(r => r.url.pathname.endsWith('/live/changes'))
      .map(r => r.url.searchParams.get('after'));

  /** A store over the mock backend in an app with signals, and what its one screen heard. */
  function listeningStore() {
    const store = new LiveOrdersStore(createTestClient());
    const events: LiveOrdersEvent[] = [];
    store.setSignalsAvailable(true);
    const stop = store.listen(event => events.push(event));
    return { store, events, stop };
  }

  afterEach(() => jest.useRealTimers());

  it('reads the current sequence, then answers a burst of hints with one request', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    const { store, events, stop } = listeningStore();
    await waitFor(() => expect(store.getMode()).toBe('live'));

    // Act
    const first = backend.publish(newLatestOrder(daxBreakout()));
    const second = backend.publish(newLatestOrder(eurUsdMeanReversion()));
    const third = backend.publish(newLatestOrder(spxSwing()));
    [first, second, third].forEach(sequence => store.hint(hintOf(sequence)));

    // Assess
    await waitFor(() => expect(events).toHaveLength(1));
    expect(liveRequests()).toEqual([null, '0']);
    expect(events[0]).toEqual({
      type: 'changes',
      changes: [
        expect.objectContaining({ workflow_id: spxSwing().id }),
        expect.objectContaining({ workflow_id: eurUsdMeanReversion().id }),
        expect.objectContaining({ workflow_id: daxBreakout().id }),
      ],
    });
    stop();
  });

  it('answers the hints that arrive during a request with one more request', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    const { store, events, stop } = listeningStore();
    await waitFor(() => expect(store.getMode()).toBe('live'));
    store.hint(hintOf(backend.publish(newLatestOrder(daxBreakout()))));
    await waitFor(() => expect(liveRequests()).toHaveLength(2));

    // Act
    store.hint(hintOf(backend.publish(newLatestOrder(spxSwing()))));
    store.hint(hintOf(backend.publish(newLatestOrder(eurUsdMeanReversion()))));

    // Assess
    await waitFor(() => expect(events).toHaveLength(2));
    expect(liveRequests()).toEqual([null, '0', '1']);
    expect(events[1]).toEqual({
      type: 'changes',
      changes: [
        expect.objectContaining({ workflow_id: eurUsdMeanReversion().id }),
        expect.objectContaining({ workflow_id: spxSwing().id }),
      ],
    });
    stop();
  });

  it('applies a push that follows the last sequence read without asking, and asks after a gap', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    const { store, events, stop } = listeningStore();
    await waitFor(() => expect(store.getMode()).toBe('live'));
    const dax = newLatestOrder(daxBreakout());
    const spx = newLatestOrder(spxSwing());

    // Act: a push of sequence 1 after 0, then one of 3 after 2 (the push of 2 was lost)
    store.hint({ ...hintOf(backend.publish(dax)), after: 0, changes: [dax] });
    await waitFor(() => expect(events).toHaveLength(1));
    const requestsAfterPush = liveRequests();
    backend.publish(newLatestOrder(eurUsdMeanReversion()));
    store.hint({ ...hintOf(backend.publish(spx)), after: 2, changes: [spx] });

    // Assess
    await waitFor(() => expect(events).toHaveLength(2));
    expect(requestsAfterPush).toEqual([null]);
    expect(liveRequests()).toEqual([null, '1']);
    expect(events).toEqual([
      { type: 'changes', changes: [dax] },
      {
        type: 'changes',
        changes: [
          expect.objectContaining({ workflow_id: spxSwing().id }),
          expect.objectContaining({ workflow_id: eurUsdMeanReversion().id }),
        ],
      },
    ]);
    stop();
  });

  it('ignores hints of a sequence already read and messages that are not hints', async () => {
    // Prepare
    serveLiveChanges(server);
    const { store, stop } = listeningStore();
    await waitFor(() => expect(store.getMode()).toBe('live'));

    // Act
    store.hint(hintOf(0));
    store.hint({ type: 'something-else', sequence: 9 });
    await new Promise(resolve => setTimeout(resolve, 20));

    // Assess
    expect(liveRequests()).toEqual([null]);
    stop();
  });

  it('renews the watch every 30 seconds while a screen listens, and stops when none does', async () => {
    // Prepare
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    serveLiveChanges(server);
    const { store, stop } = listeningStore();
    await jest.advanceTimersByTimeAsync(10);
    expect(store.getMode()).toBe('live');

    // Act
    await jest.advanceTimersByTimeAsync(30_000);
    await jest.advanceTimersByTimeAsync(30_000);
    stop();
    await jest.advanceTimersByTimeAsync(90_000);

    // Assess
    expect(liveRequests()).toEqual([null, '0', '0']);
  });

  it('says polling and asks nothing when the app has no signals', async () => {
    // Prepare
    serveLiveChanges(server);
    const store = new LiveOrdersStore(createTestClient());

    // Act
    const stop = store.listen(() => {});
    await new Promise(resolve => setTimeout(resolve, 20));

    // Assess
    expect(store.getMode()).toBe('polling');
    expect(liveRequests()).toEqual([]);
    stop();
  });

  it('says polling and asks no more when the backend has no live updates (404)', async () => {
    // Prepare
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    server.use(
      http.get(`${TEST_BASE_URL}/live/changes`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError' } },
          { status: 404 },
        ),
      ),
    );

    // Act
    const { store, stop } = listeningStore();
    await jest.advanceTimersByTimeAsync(10);
    store.hint(hintOf(4));
    await jest.advanceTimersByTimeAsync(120_000);

    // Assess
    expect(store.getMode()).toBe('polling');
    expect(liveRequests()).toEqual([null]);
    stop();
  });

  it('says polling while the backend fails, and live again once it answers', async () => {
    // Prepare
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    serveLiveChanges(server);
    server.use(
      http.get(
        `${TEST_BASE_URL}/live/changes`,
        () => HttpResponse.json({}, { status: 503 }),
        { once: true },
      ),
    );

    // Act
    const { store, stop } = listeningStore();
    await jest.advanceTimersByTimeAsync(10);

    // Assess
    expect(store.getMode()).toBe('polling');

    // Act
    await jest.advanceTimersByTimeAsync(30_000);

    // Assess
    expect(store.getMode()).toBe('live');
    stop();
  });

  it('says polling when a renewal finds changes no hint announced, and live at the next hint', async () => {
    // Prepare
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const backend = serveLiveChanges(server);
    const { store, events, stop } = listeningStore();
    await jest.advanceTimersByTimeAsync(10);

    // Act
    backend.publish(newLatestOrder(daxBreakout()));
    await jest.advanceTimersByTimeAsync(30_000);

    // Assess
    expect(store.getMode()).toBe('polling');
    expect(events).toEqual([
      {
        type: 'changes',
        changes: [expect.objectContaining({ workflow_id: daxBreakout().id })],
      },
    ]);

    // Act
    store.hint(hintOf(backend.publish(newLatestOrder(spxSwing()))));
    await jest.advanceTimersByTimeAsync(10);

    // Assess
    expect(store.getMode()).toBe('live');
    stop();
  });

  it('tells its screens to reload when the backend cannot say everything that changed', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    const { store, events, stop } = listeningStore();
    await waitFor(() => expect(store.getMode()).toBe('live'));

    // Act
    store.hint(hintOf(backend.forget()));

    // Assess
    await waitFor(() => expect(events).toEqual([{ type: 'reload' }]));
    stop();
  });
});
