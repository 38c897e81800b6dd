import { Entity } from '@backstage/catalog-model';
import {
  ORDER_DIRECTIONS,
  ORDER_RETENTION_SECONDS,
  ORDER_TYPES,
  WORKFLOW_ID_ANNOTATION,
} from '@workflow-orders/plugin-workflow-orders-common';

/**
 * One order of a mock workflow, placed `secondsAgo` before the mock backend started. A null field is
 * one its writer did not store; `unnamed` orders were stored without a `workflow_name`, as the
 * original engine's first release wrote them.
 */
export interface MockOrder {
  id: string;
  secondsAgo: number;
  unnamed?: boolean;
  order_code: string | null;
  order_price: number | null;
  order_quantity: number | null;
  order_direction: (typeof ORDER_DIRECTIONS)[number] | null;
  order_type: (typeof ORDER_TYPES)[number] | null;
  asset_type: string | null;
  trigger_close: number | null;
  execution_context: string | null;
}

/** A workflow the mock backend knows, and how it behaves. */
export interface MockWorkflow {
  id: string;
  name: string;
  orders: MockOrder[];
  /**
   * Every request about this workflow gets the backend's 503 for an unreachable DynamoDB; the
   * summaries of a list page still answer, so one outage row does not blank the others.
   */
  failing?: boolean;
  /** Every request about this workflow takes a few seconds. */
  slow?: boolean;
  /**
   * The signed-in user may not see this workflow: its history, activity and orders answer 404 as for
   * a workflow that does not exist, and its summary is null.
   */
  hidden?: boolean;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Where the engine ran: every fourth order from a trader's CLI, the rest from the schedule. */
function contextOf(prefix: string, index: number): string {
  return index % 4 === 0
    ? 'cli:trader@example.com'
    : `lambda:scheduled:${prefix}-${index}`;
}

/** Orders spread over the window, newest `firstAgo` seconds ago, one every `every` seconds. */
export function mockOrders(options: {
  prefix: string;
  count: number;
  firstAgo: number;
  every: number;
  code: string;
  price: number;
  assetType?: string | null;
  context?: string | null;
}): MockOrder[] {
  return Array.from({ length: options.count }, (_, i) => ({
    id: `${options.prefix}-${String(i + 1).padStart(3, '0')}`,
    secondsAgo: options.firstAgo + i * options.every,
    order_code: options.code,
    order_price: Number(
      (options.price * (1 + Math.sin(i) / 100)).toPrecision(6),
    ),
    order_quantity: 1 + (i % 5) * 2,
    order_direction: i % 3 === 1 ? 'SELL' : 'BUY',
    order_type: ORDER_TYPES[i % 3],
    asset_type:
      options.assetType === undefined ? 'CfdOnIndex' : options.assetType,
    trigger_close:
      i % 2 === 0 ? Number((options.price * 0.99).toPrecision(6)) : null,
    execution_context:
      options.context === undefined
        ? contextOf(options.prefix, i)
        : options.context,
  }));
}

/** The workflows of the dev app and of the tests. */
export const demoWorkflows: MockWorkflow[] = [
  {
    id: '3f2b8c1e-5d4a-4c7b-9e21-0a6f1d2c3b4a',
    name: 'DAX Breakout Strategy',
    orders: mockOrders({
      prefix: 'dax',
      count: 27,
      firstAgo: 3 * MINUTE,
      every: 5 * HOUR,
      code: 'DAX.I',
      price: 18250.5,
    }),
  },
  {
    id: '7a1c9e2d-4b3f-4e8a-8c5d-1f2e3a4b5c6d',
    name: 'EUR/USD Mean Reversion',
    orders: mockOrders({
      prefix: 'eurusd',
      count: 4,
      firstAgo: 2 * DAY + 3 * HOUR,
      every: 9 * HOUR,
      code: 'EURUSD',
      price: 1.0842,
      assetType: 'FxSpot',
    }),
  },
  {
    id: 'b5d4c3e2-1a2b-4c3d-9e8f-7a6b5c4d3e2f',
    name: 'Gold Trend Follower',
    orders: mockOrders({
      prefix: 'gold',
      count: 1,
      firstAgo: 6 * DAY + 2 * HOUR,
      every: HOUR,
      code: 'XAUUSD',
      price: 2345.1,
      assetType: null,
      context: null,
    }),
  },
  {
    id: 'c9e8d7f6-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
    name: 'Nasdaq Opening Range',
    orders: [],
  },
  {
    id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    name: 'FTSE Gap Fade (table unreachable)',
    orders: [],
    failing: true,
  },
  {
    id: 'e6f5a4b3-c2d1-4e0f-9a8b-7c6d5e4f3a2b',
    name: 'S&P 500 Swing (slow backend)',
    orders: mockOrders({
      prefix: 'spx',
      count: 6,
      firstAgo: 40 * MINUTE,
      every: 14 * HOUR,
      code: 'US500.I',
      price: 5432.25,
    }),
    slow: true,
  },
  {
    id: 'f7a6b5c4-d3e2-4f1a-8b9c-0d1e2f3a4b5c',
    name: 'Bund Futures Carry (not permitted)',
    orders: mockOrders({
      prefix: 'bund',
      count: 3,
      firstAgo: 20 * MINUTE,
      every: 7 * HOUR,
      code: 'FGBL',
      price: 131.42,
      assetType: 'Future',
    }),
    hidden: true,
  },
];

/**
 * The orders of a workflow still inside the retention window at `now`, newest first, for a mock
 * backend started at `origin` (epoch milliseconds): orders age while the dev app stays open.
 */
export function ordersInWindow(
  workflow: MockWorkflow,
  origin: number,
  now: number,
): MockOrder[] {
  const oldest = now - ORDER_RETENTION_SECONDS * 1000;
  return workflow.orders
    .filter(order => origin - order.secondsAgo * 1000 > oldest)
    .sort((a, b) => a.secondsAgo - b.secondsAgo);
}

/** A catalog entity for a workflow, as the catalog would hold it. */
export function workflowEntity(workflow: { id: string; name: string }): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: workflow.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      title: workflow.name,
      annotations: { [WORKFLOW_ID_ANNOTATION]: workflow.id },
    },
    spec: {
      type: 'trading-workflow',
      lifecycle: 'production',
      owner: 'group:trading',
    },
  };
}

/** A catalog entity that is not a trading workflow. */
export const unrelatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'market-data-gateway', title: 'Market data gateway' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:platform' },
};

/**
 * A workflow whose only order was written by the original engine's first release: no workflow name,
 * and some fields it did not store. Not among {@link demoWorkflows}.
 */
export const firstReleaseWorkflow: MockWorkflow = {
  id: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
  name: 'Legacy Momentum',
  orders: [
    {
      id: 'legacy-001',
      secondsAgo: 120,
      unnamed: true,
      order_code: 'DAX.I',
      order_price: 18000.5,
      order_quantity: null,
      order_direction: null,
      order_type: null,
      asset_type: null,
      trigger_close: null,
      execution_context: null,
    },
  ],
};
