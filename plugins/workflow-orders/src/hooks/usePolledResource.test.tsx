import { act, renderHook } from '@testing-library/react';
import { POLL_INTERVAL_MS } from './polling';
import { usePolledResource } from './usePolledResource';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Lets the timers run `ms` and the answers they started arrive. */
async function wait(ms: number) {
  await act(() => jest.advanceTimersByTimeAsync(ms));
}

/** A load that answers 1, 2, 3, … */
function counter() {
  let count = 0;
  return jest.fn(async (_shown: number | undefined) => ++count);
}

describe('usePolledResource', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  it('loads at once and refreshes every minute while the tab is visible', async () => {
    // Prepare
    const load = counter();

    // Act
    const { result } = renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);
    const first = result.current;
    await wait(3 * POLL_INTERVAL_MS);

    // Assess
    expect(first).toMatchObject({ data: 1, loading: false });
    expect(first.lastUpdated).toBeInstanceOf(Date);
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.data).toBe(4);
  });

  it('gives the load the value shown', async () => {
    const load = counter();
    renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);

    await wait(POLL_INTERVAL_MS);

    expect(load.mock.calls.map(([shown]) => shown)).toEqual([undefined, 1]);
  });

  it('pauses while the tab is hidden and refreshes at once when it is shown again', async () => {
    // Prepare
    const load = counter();
    renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);

    // Act
    setVisibility('hidden');
    await wait(5 * POLL_INTERVAL_MS);
    const whileHidden = load.mock.calls.length;
    setVisibility('visible');
    await wait(0);

    // Assess
    expect(whileHidden).toBe(1);
    expect(load).toHaveBeenCalledTimes(2);
    await wait(POLL_INTERVAL_MS);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the value shown when a refresh fails, with its error, until a retry succeeds', async () => {
    // Prepare
    const load = jest.fn(async () => 'first');
    const { result } = renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);
    load.mockRejectedValueOnce(new Error('Request failed with 503'));

    // Act
    await wait(POLL_INTERVAL_MS);
    const failed = result.current;
    load.mockResolvedValueOnce('second');
    act(() => {
      result.current.refresh();
    });
    await wait(0);

    // Assess
    expect(failed).toMatchObject({
      data: 'first',
      error: new Error('Request failed with 503'),
      loading: false,
    });
    expect(result.current.data).toBe('second');
    expect(result.current.error).toBeUndefined();
  });

  it('starts anew when what it depends on changes, and drops the answer for the previous one', async () => {
    // Prepare
    const answers: Record<string, (value: string) => void> = {};
    const load = jest.fn(
      (id: string) => () =>
        new Promise<string>(resolve => {
          answers[id] = resolve;
        }),
    );
    const { result, rerender } = renderHook(
      ({ id }) => usePolledResource(load(id), { deps: [id] }),
      { initialProps: { id: 'a' } },
    );
    await wait(0);

    // Act
    rerender({ id: 'b' });
    await wait(0);
    await act(async () => answers.a('for a'));
    const afterOld = result.current;
    await act(async () => answers.b('for b'));

    // Assess
    expect(afterOld.data).toBeUndefined();
    expect(afterOld.loading).toBe(true);
    expect(result.current.data).toBe('for b');
  });

  it('changes the shown value without a load', async () => {
    const load = jest.fn(async () => [1]);
    const { result } = renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);

    act(() => result.current.update(shown => [...shown, 2]));

    expect(result.current.data).toEqual([1, 2]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stops when the component is left', async () => {
    const load = counter();
    const { unmount } = renderHook(() => usePolledResource(load, { deps: [] }));
    await wait(0);

    unmount();
    await wait(3 * POLL_INTERVAL_MS);

    expect(load).toHaveBeenCalledTimes(1);
  });
});
