import { ConfigReader } from '@backstage/config';
import { readOrdersConfig } from '../config';

const withLive = (live: object) =>
  new ConfigReader({ workflowOrders: { live } });

describe('workflowOrders.live', () => {
  it('is on, every 2 s, with 10,000 changes kept, when nothing is set', () => {
    const { live } = readOrdersConfig(new ConfigReader({}));

    expect(live).toEqual({
      enabled: true,
      intervalMs: 2000,
      bufferSize: 10_000,
    });
  });

  it('takes what is set', () => {
    const { live } = readOrdersConfig(
      withLive({ enabled: false, intervalSeconds: 0.5, bufferSize: 100 }),
    );

    expect(live).toEqual({ enabled: false, intervalMs: 500, bufferSize: 100 });
  });

  it.each([
    [
      { intervalSeconds: 0 },
      'workflowOrders.live.intervalSeconds must be 0.1 or more, got 0',
    ],
    [
      { intervalSeconds: -2 },
      'workflowOrders.live.intervalSeconds must be 0.1 or more, got -2',
    ],
    [
      { bufferSize: 0 },
      'workflowOrders.live.bufferSize must be a whole number of 1 or more, got 0',
    ],
    [
      { bufferSize: 2.5 },
      'workflowOrders.live.bufferSize must be a whole number of 1 or more, got 2.5',
    ],
    [{ enabled: 42 }, 'workflowOrders.live.enabled'],
  ])('refuses %p, naming the setting', (live, message) => {
    expect(() => readOrdersConfig(withLive(live))).toThrow(message);
  });
});
