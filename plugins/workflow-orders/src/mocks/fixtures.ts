import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import {
  ORDER_RETENTION_SECONDS,
  ORDER_TYPES,
  OrderDirection,
  OrderType,
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
  order_direction: OrderDirection | null;
  order_type: OrderType | null;
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
   * Every read of this workflow gets the backend's 503 for an order store that does not answer:
   * its history, activity, orders, and a summaries request that names it.
   */
  failing?: boolean;
  /** Every request about this workflow takes a few seconds. */
  slow?: boolean;
  /**
   * The signed-in user may not see this workflow: its history, activity and orders answer 404 as for
   * a workflow that does not exist, its summary is null, and it has no row of the latest orders.
   */
  hidden?: boolean;
}

/** An order: a DAX buy placed a minute ago, with the fields given replaced. */
export function anOrder(fields: Partial<MockOrder> = {}): MockOrder {
  return {
    id: 'order-001',
    secondsAgo: 60,
    order_code: 'DAX.I',
    order_price: 18250.5,
    order_quantity: 1,
    order_direction: 'BUY',
    order_type: 'LIMIT',
    asset_type: 'CfdOnIndex',
    trigger_close: null,
    execution_context: null,
    ...fields,
  };
}

/** A workflow without orders or special behaviour, with the fields given replaced. */
export function aWorkflow(
  fields: Partial<MockWorkflow> & Pick<MockWorkflow, 'id' | 'name'>,
): MockWorkflow {
  return { orders: [], ...fields };
}

/** What {@link ordersOf} spreads over the window. */
export interface OrderSeries {
  /** Order ids are `<prefix>-001`, `<prefix>-002`, ... newest first. */
  prefix: string;
  count: number;
  /** Seconds before the mock backend started that the newest order was placed. */
  firstAgo: number;
  /** Seconds between two orders. */
  every: number;
  code: string;
  /** The price around which the orders' prices vary by about a percent. */
  price: number;
  /** `CfdOnIndex` unless given; null for a writer that did not store it. */
  assetType?: string | null;
  /** Every fourth order from a trader's CLI, the rest from the schedule, unless given. */
  context?: string | null;
}

/** Where the engine ran: every fourth order from a trader's CLI, the rest from the schedule. */
function contextOf(prefix: string, index: number): string {
  return index % 4 === 0
    ? 'cli:trader@example.com'
    : `lambda:scheduled:${prefix}-${index}`;
}

/**
 * Orders spread over the window, newest first: a buy, a sell and a buy again, quantities 1 to 9,
 * the order types in turn, a trigger price on every other order.
 */
export function ordersOf(series: OrderSeries): MockOrder[] {
  const { prefix, price } = series;
  return Array.from({ length: series.count }, (_, i) =>
    anOrder({
      id: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      secondsAgo: series.firstAgo + i * series.every,
      order_code: series.code,
      order_price: Number((price * (1 + Math.sin(i) / 100)).toPrecision(6)),
      order_quantity: 1 + (i % 5) * 2,
      order_direction: i % 3 === 1 ? 'SELL' : 'BUY',
      order_type: ORDER_TYPES[i % 3],
      asset_type:
        series.assetType === undefined ? 'CfdOnIndex' : series.assetType,
      trigger_close: i % 2 === 0 ? Number((price * 0.99).toPrecision(6)) : null,
      execution_context:
        series.context === undefined ? contextOf(prefix, i) : series.context,
    }),
  );
}

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
export function unrelatedEntity(): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'market-data-gateway', title: 'Market data gateway' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:platform' },
  };
}

/** A row of the catalog's table for `entity`, as the catalog index page makes it. */
export function catalogTableRow(entity: Entity): CatalogTableRow {
  return {
    entity,
    resolved: {
      name: entity.metadata.name,
      entityRef: stringifyEntityRef(entity),
      ownedByRelations: [],
      partOfSystemRelations: [],
    },
  };
}
