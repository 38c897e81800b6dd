import type { OrderRecorder } from '@workflow-orders/engine-hook';
import {
  ORDER_RETENTION_SECONDS,
  expiryOf,
  type OrderDirection,
  type OrderType,
} from '@workflow-orders/plugin-workflow-orders-common';
import { demoWorkflow, DemoWorkflow } from './demoWorkflows';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One order of the demo history, placed `ageSeconds` before the portal first starts. */
export interface SeedOrder {
  readonly ageSeconds: number;
  readonly code: string;
  readonly price: number;
  readonly quantity: number;
  readonly direction: OrderDirection;
  readonly type: OrderType;
}

const order = (
  ageSeconds: number,
  code: string,
  price: number,
  quantity: number,
  direction: SeedOrder['direction'],
  type: SeedOrder['type'] = 'LIMIT',
): SeedOrder => ({ ageSeconds, code, price, quantity, direction, type });

/**
 * The demo history, by workflow, chosen so every state of the portal shows on first start: three
 * orders in the past day, a last order two days ago, orders past the 7-day window that must never
 * show, and (by leaving them out) workflows that never placed one.
 */
export const DEMO_HISTORY: Readonly<Record<string, readonly SeedOrder[]>> = {
  'fra40-breakout': [
    order(20 * MINUTE, 'FRA40.I', 7850.25, 10, 'BUY'),
    order(3 * HOUR, 'FRA40.I', 7812.5, 10, 'SELL', 'OPEN_STOP'),
    order(9 * HOUR, 'FRA40.I', 7798.75, 5, 'BUY'),
  ],
  'dax-mean-reversion': [
    order(2 * DAY + 2 * HOUR, 'GER40.I', 18420.5, 2, 'SELL'),
    order(4 * DAY, 'GER40.I', 18310, 2, 'BUY'),
    order(8 * DAY, 'GER40.I', 18190, 2, 'SELL'),
  ],
  'gold-trend-follower': [
    order(8 * DAY + 6 * HOUR, 'XAUUSD', 2331.4, 1, 'BUY', 'STOP'),
    order(11 * DAY, 'XAUUSD', 2298.1, 1, 'SELL', 'STOP'),
  ],
  'nasdaq-opening-gap': [
    order(1 * DAY + 3 * HOUR, 'US100.I', 19875, 1, 'BUY', 'MARKET'),
    order(3 * DAY + 3 * HOUR, 'US100.I', 19610.5, 1, 'SELL', 'MARKET'),
  ],
  'nikkei-overnight': [
    order(14 * HOUR, 'JP225.I', 38950, 1, 'BUY'),
    order(1 * DAY + 14 * HOUR, 'JP225.I', 38720, 1, 'BUY'),
    order(5 * DAY + 14 * HOUR, 'JP225.I', 38410, 1, 'SELL'),
  ],
  'eurusd-scalper': [
    order(45 * MINUTE, 'EURUSD', 1.0842, 10000, 'BUY'),
    order(2 * HOUR, 'EURUSD', 1.0857, 10000, 'SELL'),
  ],
};

/**
 * Orders the original Python engine's first release placed, before the recorder existed: it wrote
 * them with boto3 `put_item`, with whole-second `placed_at`, the enums' names and no `workflow_name`.
 */
export const FIRST_RELEASE_HISTORY: Readonly<
  Record<string, readonly SeedOrder[]>
> = {
  'cac-pairs-legacy': [order(6 * DAY, 'BNP.PA', 61.32, 100, 'BUY')],
};

/**
 * A workflow deleted from the catalog whose orders are still kept: no entity carries its id, so it is
 * on the Workflow orders page by its stored name, marked as not in the catalog, for operations only.
 */
export const RETIRED_WORKFLOW: DemoWorkflow = {
  name: 'bund-carry-v1',
  title: 'Bund carry v1 (retired)',
  workflowId: '9d3c6f1a-2b7e-4c58-a0f4-6e1d2c3b4a59',
};

/** The orders {@link RETIRED_WORKFLOW} placed before it was retired. */
export const RETIRED_HISTORY: readonly SeedOrder[] = [
  order(3 * DAY + 5 * HOUR, 'FGBL', 131.42, 3, 'SELL'),
  order(4 * DAY, 'FGBL', 131.1, 3, 'BUY'),
];

/** An item in DynamoDB's own JSON, as boto3 sends it. */
export type RawItem = Record<string, { S: string } | { N: string }>;

/** The item the original engine's first release wrote for one order. */
export function firstReleaseItem(
  workflow: DemoWorkflow,
  seed: SeedOrder,
  now: number,
): RawItem {
  const placedAt = Math.floor(now - seed.ageSeconds);
  const enumName = (value: string) =>
    value
      .toLowerCase()
      .replace(/(^|_)([a-z])/g, (_, _separator, letter) =>
        letter.toUpperCase(),
      );
  return {
    id: { S: `${workflow.name}-${placedAt}` },
    workflow_id: { S: workflow.workflowId },
    placed_at: { N: String(placedAt) },
    order_code: { S: seed.code },
    order_price: { N: String(seed.price) },
    order_quantity: { N: String(seed.quantity) },
    order_direction: { S: enumName(seed.direction) },
    order_type: { S: enumName(seed.type) },
    ttl: { N: String(expiryOf(placedAt)) },
  };
}

/**
 * How many orders of {@link DEMO_HISTORY} were recorded, how many not, and how many are past 7 days;
 * and how many of {@link FIRST_RELEASE_HISTORY} were written.
 */
export interface SeedResult {
  readonly recorded: number;
  readonly written: number;
  readonly failed: number;
  readonly expired: number;
}

/**
 * Places the demo history, and the orders of {@link RETIRED_WORKFLOW}, through the recorder, the way
 * an engine would have placed them, with `placed_at` set in the past; and writes {@link FIRST_RELEASE_HISTORY} with `putItem`, around the
 * recorder, as the original engine did.
 */
export async function seedDemoOrders(options: {
  recorder: OrderRecorder;
  putItem: (item: RawItem) => Promise<void>;
  workflows: readonly DemoWorkflow[];
  now?: number;
}): Promise<SeedResult> {
  const now = options.now ?? Date.now() / 1000;
  let expired = 0;
  let written = 0;
  for (const [name, orders] of Object.entries(FIRST_RELEASE_HISTORY)) {
    const workflow = demoWorkflow(options.workflows, name);
    for (const seed of orders) {
      await options.putItem(firstReleaseItem(workflow, seed, now));
      written += 1;
    }
  }
  const histories: Array<[DemoWorkflow, readonly SeedOrder[]]> = [
    ...Object.entries(DEMO_HISTORY).map(
      ([name, orders]): [DemoWorkflow, readonly SeedOrder[]] => [
        demoWorkflow(options.workflows, name),
        orders,
      ],
    ),
    [RETIRED_WORKFLOW, RETIRED_HISTORY],
  ];
  for (const [workflow, orders] of histories) {
    for (const seed of orders) {
      if (seed.ageSeconds > ORDER_RETENTION_SECONDS) expired += 1;
      options.recorder.record({
        workflow_id: workflow.workflowId,
        workflow_name: workflow.title,
        order_code: seed.code,
        order_price: seed.price,
        order_quantity: seed.quantity,
        order_direction: seed.direction,
        order_type: seed.type,
        execution_context: 'demo-seed',
        placed_at: now - seed.ageSeconds,
      });
    }
  }
  const result = await options.recorder.flush({ timeoutMs: 30_000 });
  return {
    recorded: result.recorded,
    written,
    failed: result.failed + result.dropped + result.invalid + result.pending,
    expired,
  };
}
