import type { AuditorService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { normalizeWorkflowId } from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type {
  HistoryOptions,
  LatestOrderPage,
  LatestOrdersOptions,
  OrderPage,
  OrderStore,
  WorkflowOrderActivity,
} from '../database/OrderStore';
import {
  createReadRunner,
  type Caller,
  type ReadContext,
  type ReadDefinition,
} from './auditedRead';
import type { WorkflowAccess, WorkflowDecision } from './WorkflowAccess';

export type { ReadContext } from './auditedRead';

/**
 * The reads of orders behind both the HTTP routes and the actions: each decides access first, reads
 * only what is allowed, and emits one audit event (`orders-fetch`) with the caller, what was asked
 * and the decision. A workflow the caller may not see fails exactly like one that does not exist.
 */
export interface OrderReads {
  /** A page of a workflow's history; a `NotFoundError` when the caller may not see the workflow. */
  history(options: HistoryOptions, context: ReadContext): Promise<OrderPage>;
  /**
   * A page of the latest orders of the workflows the caller may see (all of them, or those named
   * in `workflowIds`), newest first; the decisions cost one catalog query (per thousand entities)
   * and one authorization call, whatever the number of rows.
   */
  latestOrders(
    options: Omit<LatestOrdersOptions, 'isVisible'>,
    context: ReadContext,
  ): Promise<LatestOrderPage>;
  /** A workflow's activity; a `NotFoundError` when the caller may not see the workflow. */
  activity(
    options: { workflowId: string; days: number },
    context: ReadContext,
  ): Promise<WorkflowOrderActivity>;
  /** One order; the same `NotFoundError` when it is unknown or its workflow is hidden. */
  order(
    options: { orderId: string },
    context: ReadContext,
  ): Promise<WorkflowOrderRecord>;
  /** The last order of each workflow in order: undefined for none, null for a hidden workflow. */
  lastOrders(
    options: { workflowIds: string[] },
    context: ReadContext,
  ): Promise<Array<WorkflowOrderRecord | undefined | null>>;
}

/** The definition of each read of {@link OrderReads}: none can be added without one. */
type OrderReadDefinitions = {
  [Name in keyof OrderReads]: ReadDefinition<
    Parameters<OrderReads[Name]>[0],
    any,
    Awaited<ReturnType<OrderReads[Name]>>
  >;
};

/**
 * Which workflows a caller may see on a page listing many: all, none, a few listed (read directly),
 * or those a test accepts.
 */
type Visibility =
  | 'all'
  | 'none'
  | { readonly only: readonly string[] }
  | ((workflowId: string) => boolean);

/** The 404 of a workflow that is unknown or hidden from the caller: the two are not told apart. */
export const workflowNotFound = (workflowId: string) =>
  new NotFoundError(`No workflow ${workflowId} was found`);

/** The 404 of an order that is unknown, expired, or of a workflow hidden from the caller. */
export const orderNotFound = (orderId: string) =>
  new NotFoundError(
    `No order ${orderId}: it does not exist or expired after 7 days`,
  );

/** Grants one workflow's read when the caller may see it; else the 404 of an unknown workflow. */
async function allowWorkflow(caller: Caller, workflowId: string) {
  const [decision] = await caller.decide([workflowId]);
  caller.note({ decision });
  if (decision !== 'allowed') throw workflowNotFound(workflowId);
}

/** Creates the {@link OrderReads} over a store, the access decisions and the auditor. */
export function createOrderReads(options: {
  store: OrderStore;
  access: WorkflowAccess;
  auditor: AuditorService;
  /**
   * A caller who may see at most this many workflows has the Workflow orders page read for those
   * workflows only (their latest-order items, directly). @default 100
   */
  directReadLimit?: number;
}): OrderReads {
  const { store } = options;
  const directReadLimit = options.directReadLimit ?? 100;

  const definitions: OrderReadDefinitions = {
    history: {
      audit: ({ workflowId }) => ({ queryType: 'history', workflowId }),
      authorize: ({ workflowId }, caller) => allowWorkflow(caller, workflowId),
      read: (_granted, asked) => store.getHistory(asked),
    },

    activity: {
      audit: ({ workflowId }) => ({ queryType: 'activity', workflowId }),
      authorize: ({ workflowId }, caller) => allowWorkflow(caller, workflowId),
      read: (_granted, asked) => store.getActivity(asked),
    },

    latestOrders: {
      audit: ({ workflowIds, direction, code, limit }) => ({
        queryType: 'latest-orders',
        limit,
        direction: direction ?? null,
        code: code ?? null,
        workflowCount: workflowIds?.length ?? null,
      }),
      // Decided once for the request, before the store pages: a row costs no call of its own.
      // `all` needs no filter (the store then reads one row more than the page), `none` no read.
      async authorize({ workflowIds }, caller): Promise<Visibility> {
        if (workflowIds) {
          const decisions = await caller.decide(workflowIds);
          const allowed = new Set(
            workflowIds.filter((_, index) => decisions[index] === 'allowed'),
          );
          if (allowed.size === 0) return 'none';
          if (allowed.size === new Set(workflowIds).size) return 'all';
          return (id: string) => allowed.has(id);
        }
        const all = await caller.decideAll();
        if (!all.anyAllowed) return 'none';
        if (all.allAllowed) return 'all';
        // A caller who sees a few workflows has those read, not the index paged past the rest.
        if (all.allowedIds && all.allowedIds.length <= directReadLimit) {
          return { only: all.allowedIds };
        }
        return (id: string) => all.decisionOf(id) === 'allowed';
      },
      async read(visibility: Visibility, asked): Promise<LatestOrderPage> {
        if (visibility === 'none') return { orders: [] };
        if (visibility === 'all') return store.getLatestOrders(asked);
        if (typeof visibility === 'function') {
          return store.getLatestOrders({ ...asked, isVisible: visibility });
        }
        return store.getLatestOrders({
          ...asked,
          workflowIds: visibility.only,
        });
      },
      outcome: (page, visibility: Visibility) => ({
        rows: page.orders.length,
        visible: typeof visibility === 'string' ? visibility : 'some',
      }),
    },

    order: {
      audit: ({ orderId }) => ({ queryType: 'order', orderId }),
      // The order names its workflow, so it is read first; an unknown order and an order of a hidden
      // workflow then fail alike.
      async authorize({ orderId }, caller): Promise<WorkflowOrderRecord> {
        const order = await store.getOrder({ orderId });
        let decision: WorkflowDecision = 'unknown';
        if (order) {
          caller.note({ workflowId: order.workflow_id });
          [decision] = await caller.decide([
            normalizeWorkflowId(order.workflow_id),
          ]);
        }
        caller.note({ decision, workflowId: order?.workflow_id ?? null });
        if (!order || decision !== 'allowed') throw orderNotFound(orderId);
        return order;
      },
      read: async (order: WorkflowOrderRecord) => order,
    },

    lastOrders: {
      audit: ({ workflowIds }) => ({
        queryType: 'summaries',
        workflowCount: workflowIds.length,
      }),
      async authorize({ workflowIds }, caller) {
        const decisions = await caller.decide(workflowIds);
        caller.note({
          allowed: decisions.filter(d => d === 'allowed').length,
          denied: decisions.filter(d => d === 'denied').length,
          unknown: decisions.filter(d => d === 'unknown').length,
        });
        return decisions;
      },
      async read(decisions: WorkflowDecision[], { workflowIds }) {
        const allowed = workflowIds.filter(
          (_, index) => decisions[index] === 'allowed',
        );
        const found =
          allowed.length > 0
            ? await store.getLastOrders({ workflowIds: allowed })
            : [];
        const byId = new Map(allowed.map((id, index) => [id, found[index]]));
        return workflowIds.map((id, index) =>
          decisions[index] === 'allowed' ? byId.get(id) : null,
        );
      },
    },
  };

  const run = createReadRunner(options);
  return {
    history: (asked, context) => run(definitions.history, asked, context),
    latestOrders: (asked, context) =>
      run(definitions.latestOrders, asked, context),
    activity: (asked, context) => run(definitions.activity, asked, context),
    order: (asked, context) => run(definitions.order, asked, context),
    lastOrders: (asked, context) => run(definitions.lastOrders, asked, context),
  };
}
