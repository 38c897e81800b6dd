import { MockWorkflow, aWorkflow, anOrder, ordersOf } from './fixtures';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Each workflow is made anew on every call: a test may change what it gets, and no other test sees it.

/** 27 DAX orders, one every 5 hours, the newest 3 minutes ago. */
export function daxBreakout(): MockWorkflow {
  return aWorkflow({
    id: '3f2b8c1e-5d4a-4c7b-9e21-0a6f1d2c3b4a',
    name: 'DAX Breakout Strategy',
    orders: ordersOf({
      prefix: 'dax',
      count: 27,
      firstAgo: 3 * MINUTE,
      every: 5 * HOUR,
      code: 'DAX.I',
      price: 18250.5,
    }),
  });
}

/** 4 EUR/USD spot orders, one every 9 hours, the newest 2 days ago. */
export function eurUsdMeanReversion(): MockWorkflow {
  return aWorkflow({
    id: '7a1c9e2d-4b3f-4e8a-8c5d-1f2e3a4b5c6d',
    name: 'EUR/USD Mean Reversion',
    orders: ordersOf({
      prefix: 'eurusd',
      count: 4,
      firstAgo: 2 * DAY + 3 * HOUR,
      every: 9 * HOUR,
      code: 'EURUSD',
      price: 1.0842,
      assetType: 'FxSpot',
    }),
  });
}

/** One gold order 6 days ago, without an asset type or an execution context. */
export function goldTrendFollower(): MockWorkflow {
  return aWorkflow({
    id: 'b5d4c3e2-1a2b-4c3d-9e8f-7a6b5c4d3e2f',
    name: 'Gold Trend Follower',
    orders: ordersOf({
      prefix: 'gold',
      count: 1,
      firstAgo: 6 * DAY + 2 * HOUR,
      every: HOUR,
      code: 'XAUUSD',
      price: 2345.1,
      assetType: null,
      context: null,
    }),
  });
}

/** A workflow that placed no order in the window. */
export function nasdaqOpeningRange(): MockWorkflow {
  return aWorkflow({
    id: 'c9e8d7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
    name: 'Nasdaq Opening Range',
  });
}

/** 6 S&P 500 orders, one every 14 hours, answered after a few seconds. */
export function spxSwing(): MockWorkflow {
  return aWorkflow({
    id: 'e6f5a4b3-c2d1-4e0f-9a8b-7c6d5e4f3a2b',
    name: 'S&P 500 Swing (slow backend)',
    orders: ordersOf({
      prefix: 'spx',
      count: 6,
      firstAgo: 40 * MINUTE,
      every: 14 * HOUR,
      code: 'US500.I',
      price: 5432.25,
    }),
    slow: true,
  });
}

/** A workflow whose every read meets an order store that does not answer. */
export function ftseGapFade(): MockWorkflow {
  return aWorkflow({
    id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    name: 'FTSE Gap Fade (table unreachable)',
    failing: true,
  });
}

/** 3 Bund orders of a workflow the signed-in user may not see. */
export function bundFuturesCarry(): MockWorkflow {
  return aWorkflow({
    id: 'f7a6b5c4-d3e2-4f1a-8b9c-0d1e2f3a4b5c',
    name: 'Bund Futures Carry (not permitted)',
    orders: ordersOf({
      prefix: 'bund',
      count: 3,
      firstAgo: 20 * MINUTE,
      every: 7 * HOUR,
      code: 'FGBL',
      price: 131.42,
      assetType: 'Future',
    }),
    hidden: true,
  });
}

/**
 * A workflow whose only order, 2 minutes ago, was written by the original engine's first release:
 * no workflow name, and some fields it did not store.
 */
export function legacyMomentum(): MockWorkflow {
  return aWorkflow({
    id: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
    name: 'Legacy Momentum',
    orders: [
      anOrder({
        id: 'legacy-001',
        secondsAgo: 2 * MINUTE,
        unnamed: true,
        order_price: 18000.5,
        order_quantity: null,
        order_direction: null,
        order_type: null,
        asset_type: null,
      }),
    ],
  });
}

/**
 * The workflows every unit test's mock backend answers from unless a test serves others: each
 * answers as a healthy backend would.
 */
export function healthyWorkflows(): MockWorkflow[] {
  return [
    daxBreakout(),
    eurUsdMeanReversion(),
    goldTrendFollower(),
    nasdaqOpeningRange(),
    spxSwing(),
  ];
}

/**
 * The workflows of the dev app: the healthy ones, then one whose reads fail and one the user may not
 * see (on the second page of the dev app's workflow list).
 */
export function demoWorkflows(): MockWorkflow[] {
  return [...healthyWorkflows(), ftseGapFade(), bundFuturesCarry()];
}
