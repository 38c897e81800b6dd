import { renderHook } from '@testing-library/react';
import { POLL_INTERVAL_MS, usePolling } from './usePolling';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('usePolling', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  it('refreshes every minute while the tab is visible', () => {
    const refresh = jest.fn();
    renderHook(() => usePolling(refresh));

    jest.advanceTimersByTime(3 * POLL_INTERVAL_MS);

    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('pauses while the tab is hidden and refreshes at once when it is shown again', () => {
    // Prepare
    const refresh = jest.fn();
    renderHook(() => usePolling(refresh));

    // Act
    setVisibility('hidden');
    jest.advanceTimersByTime(5 * POLL_INTERVAL_MS);
    const whileHidden = refresh.mock.calls.length;
    setVisibility('visible');

    // Assess
    expect(whileHidden).toBe(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(POLL_INTERVAL_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('stops when the page is left', () => {
    const refresh = jest.fn();
    const { unmount } = renderHook(() => usePolling(refresh));

    unmount();
    jest.advanceTimersByTime(3 * POLL_INTERVAL_MS);

    expect(refresh).not.toHaveBeenCalled();
  });
});
