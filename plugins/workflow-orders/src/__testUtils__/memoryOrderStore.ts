import {
  ORDER_RETENTION_SECONDS,
  OrderDirection,
} from '@workflow-orders/plugin-workflow-orders-common';
import { MockOrder, MockWorkflow } from '../mocks/fixtures';

/** An order as the backend's store hands it over: `placed_at` in epoch seconds. */
export type StoredOrder = Omit<MockOrder, 'secondsAgo' | 'unnamed'> & {
  workflow_id: string;
  workflow_name: string | null;
  placed_at: number;
};

const DAY_MS = 86_400_000;

/**
 * An order store in memory over the mock's workflows, as the backend's `OrderStore` interface
 * describes it (contract.test.ts type-checks it against that interface): the orders a mock backend
 * started at `nowMs` serves, in the retention window at that instant. It stands in for DynamoDB so
 * that the backend's own router, access decisions and error middleware answer the contract test;
 * its outage cases go to a backend whose DynamoDB does not answer instead.
 */
export function createMemoryOrderStore(
  workflows: MockWorkflow[],
  nowMs: number,
) {
  const oldest = nowMs / 1000 - ORDER_RETENTION_SECONDS;
  const records: StoredOrder[] = workflows
    .flatMap(workflow =>
      workflow.orders.map((order): StoredOrder => ({
        id: order.id,
        workflow_id: workflow.id,
        workflow_name: order.unnamed ? null : workflow.name,
        placed_at: (nowMs - order.secondsAgo * 1000) / 1000,
        order_code: order.order_code,
        order_price: order.order_price,
        order_quantity: order.order_quantity,
        order_direction: order.order_direction,
        order_type: order.order_type,
        asset_type: order.asset_type,
        trigger_close: order.trigger_close,
        execution_context: order.execution_context,
      })),
    )
    .filter(record => record.placed_at > oldest)
    .sort((a, b) => b.placed_at - a.placed_at);
  const ofWorkflow = (workflowId: string) =>
    records.filter(record => record.workflow_id === workflowId);
  const matches =
    (filters: { direction?: string; code?: string }) => (record: StoredOrder) =>
      (!filters.direction || record.order_direction === filters.direction) &&
      (!filters.code || record.order_code?.toUpperCase() === filters.code);

  return {
    async getHistory(options: {
      workflowId: string;
      limit: number;
      afterPlacedAt?: number;
      sort?: 'newest' | 'oldest';
      direction?: OrderDirection;
      code?: string;
      knownCount?: { totalCount: number; exact: boolean };
    }) {
      const oldestFirst = options.sort === 'oldest';
      const matching = ofWorkflow(options.workflowId).filter(matches(options));
      const ordered = oldestFirst ? [...matching].reverse() : matching;
      const after = options.afterPlacedAt;
      const rest =
        after === undefined
          ? ordered
          : ordered.filter(r =>
              oldestFirst ? r.placed_at > after : r.placed_at < after,
            );
      const orders = rest.slice(0, options.limit);
      return {
        orders,
        totalCount: options.knownCount?.totalCount ?? matching.length,
        totalCountExact: options.knownCount?.exact ?? true,
        nextPlacedAt:
          rest.length > orders.length ? orders.at(-1)!.placed_at : undefined,
      };
    },

    async getLatestOrders(options: {
      limit: number;
      after?: { workflowId: string; placedAt: number };
      direction?: OrderDirection;
      code?: string;
      workflowIds?: readonly string[];
      isVisible?: (workflowId: string) => boolean;
    }) {
      const latest = new Map<string, StoredOrder>();
      for (const record of records) {
        if (!latest.has(record.workflow_id)) {
          latest.set(record.workflow_id, record);
        }
      }
      const rows = [...latest.values()]
        .filter(
          r =>
            !options.workflowIds || options.workflowIds.includes(r.workflow_id),
        )
        .filter(r => !options.isVisible || options.isVisible(r.workflow_id))
        .filter(matches(options));
      const start = options.after
        ? rows.findIndex(r => r.workflow_id === options.after!.workflowId) + 1
        : 0;
      const orders = rows.slice(start, start + options.limit);
      const last = orders.at(-1);
      return {
        orders,
        next:
          last && start + orders.length < rows.length
            ? { workflowId: last.workflow_id, placedAt: last.placed_at }
            : undefined,
      };
    },

    async getOrder({ orderId }: { orderId: string }) {
      return records.find(record => record.id === orderId);
    },

    async getLastOrders({ workflowIds }: { workflowIds: string[] }) {
      return workflowIds.map(id => ofWorkflow(id)[0]);
    },

    async getActivity({
      workflowId,
      days,
    }: {
      workflowId: string;
      days: number;
    }) {
      const orders = ofWorkflow(workflowId);
      const today = Math.floor(nowMs / DAY_MS);
      const dailyCounts = Array.from({ length: days }, (_, i) => {
        const date = new Date((today - (days - 1 - i)) * DAY_MS)
          .toISOString()
          .slice(0, 10);
        const count = orders.filter(order =>
          new Date(order.placed_at * 1000).toISOString().startsWith(date),
        ).length;
        return { date, count };
      });
      return { totalCount: orders.length, lastOrder: orders[0], dailyCounts };
    },

    async checkHealth() {
      return { reachable: true, table: 'workflow_orders' };
    },
  };
}
