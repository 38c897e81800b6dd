import { ConfigReader } from '@backstage/config';
import { readOrdersConfig } from './config';

const withSummaries = (summaries: object) =>
  new ConfigReader({ workflowOrders: { summaries } });

describe('readOrdersConfig', () => {
  it('reads latest-order items as partial, with a 300 s no-order cache, when nothing is set', () => {
    // Act
    const { summaries } = readOrdersConfig(new ConfigReader({}));

    // Assess
    expect(summaries).toEqual({
      latestOrderItems: 'partial',
      noOrderCacheMs: 300_000,
    });
  });

  it.each(['partial', 'complete'] as const)(
    'takes latestOrderItems %s',
    latestOrderItems => {
      // Act
      const { summaries } = readOrdersConfig(
        withSummaries({ latestOrderItems, noOrderCacheSeconds: 0 }),
      );

      // Assess
      expect(summaries).toEqual({ latestOrderItems, noOrderCacheMs: 0 });
    },
  );

  it.each([
    ['Complete', `"Complete"`],
    ['all', `"all"`],
    ['', `""`],
    [true, 'true'],
    [100, '100'],
  ])(
    'refuses latestOrderItems %p, naming the setting and its values',
    (latestOrderItems, shown) => {
      expect(() =>
        readOrdersConfig(withSummaries({ latestOrderItems })),
      ).toThrow(
        `workflowOrders.summaries.latestOrderItems must be 'partial' or 'complete', got ${shown}`,
      );
    },
  );

  it('refuses a negative noOrderCacheSeconds, naming the setting', () => {
    expect(() =>
      readOrdersConfig(withSummaries({ noOrderCacheSeconds: -1 })),
    ).toThrow(
      'workflowOrders.summaries.noOrderCacheSeconds must be 0 or more, got -1',
    );
  });
});
