import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type { LatestOrderPosition, OrderStore } from '../database/OrderStore';

/** True when `order` is of the direction and code asked for (any, when not asked). */
const matches = (
  order: WorkflowOrderRecord,
  filters: { direction?: string; code?: string },
) =>
  (!filters.direction || order.order_direction === filters.direction) &&
  (!filters.code || order.order_code?.toUpperCase() === filters.code);

/** Newer first; of two orders placed together, the greater workflow id first. */
const newestFirst = (a: WorkflowOrderRecord, b: WorkflowOrderRecord) =>
  b.placed_at - a.placed_at || b.workflow_id.localeCompare(a.workflow_id);

/**
 * An {@link OrderStore} over orders held in memory, paging as the DynamoDB store does (a page is
 * never short while matching orders follow), for router tests that read many pages. Its methods are
 * jest mocks, so a test sees what was asked.
 */
export function memoryOrderStore(orders: readonly WorkflowOrderRecord[]) {
  const store = {
    getHistory: jest.fn<
      ReturnType<OrderStore['getHistory']>,
      Parameters<OrderStore['getHistory']>
    >(async options => {
      const { workflowId, limit, afterPlacedAt, sort } = options;
      const oldest = sort === 'oldest';
      const matching = orders
        .filter(o => o.workflow_id === workflowId && matches(o, options))
        .sort((a, b) => (oldest ? -1 : 1) * (b.placed_at - a.placed_at));
      const rest = matching.filter(
        o =>
          afterPlacedAt === undefined ||
          (oldest ? o.placed_at > afterPlacedAt : o.placed_at < afterPlacedAt),
      );
      const page = rest.slice(0, limit);
      return {
        orders: page,
        totalCount: options.knownCount?.totalCount ?? matching.length,
        nextPlacedAt:
          rest.length > limit ? page[page.length - 1].placed_at : undefined,
      };
    }),
    getLatestOrders: jest.fn<
      ReturnType<OrderStore['getLatestOrders']>,
      Parameters<OrderStore['getLatestOrders']>
    >(async options => {
      const { limit, after, workflowIds, isVisible } = options;
      const latest = new Map<string, WorkflowOrderRecord>();
      for (const order of [...orders].sort(newestFirst)) {
        if (!latest.has(order.workflow_id))
          latest.set(order.workflow_id, order);
      }
      const rows = [...latest.values()]
        .filter(o => !workflowIds || workflowIds.includes(o.workflow_id))
        .filter(o => !isVisible || isVisible(o.workflow_id))
        .filter(o => matches(o, options));
      const start = after
        ? rows.findIndex(o => o.workflow_id === after.workflowId) + 1
        : 0;
      const page = rows.slice(start, start + limit);
      const last = page[page.length - 1];
      const next: LatestOrderPosition | undefined =
        start + limit < rows.length
          ? { workflowId: last.workflow_id, placedAt: last.placed_at }
          : undefined;
      return { orders: page, next };
    }),
    getOrder: jest.fn<
      ReturnType<OrderStore['getOrder']>,
      Parameters<OrderStore['getOrder']>
    >(async ({ orderId }) => orders.find(o => o.id === orderId)),
    getLastOrders: jest.fn<
      ReturnType<OrderStore['getLastOrders']>,
      Parameters<OrderStore['getLastOrders']>
    >(async ({ workflowIds }) =>
      workflowIds.map(id =>
        orders
          .filter(o => o.workflow_id === id)
          .sort(newestFirst)
          .at(0),
      ),
    ),
    getActivity: jest.fn<
      ReturnType<OrderStore['getActivity']>,
      Parameters<OrderStore['getActivity']>
    >(),
    checkHealth: jest.fn<
      ReturnType<OrderStore['checkHealth']>,
      Parameters<OrderStore['checkHealth']>
    >(),
  };
  return store satisfies jest.Mocked<OrderStore>;
}
