import type {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import type {
  HistoryOptions,
  LatestOrderPage,
  LatestOrdersOptions,
  OrderPage,
  OrderStore,
  WorkflowOrderActivity,
} from '../database/OrderStore';
import type { WorkflowAccess, WorkflowDecision } from './WorkflowAccess';

/** Who reads, and through which door; the request, when there is one, gives the auditor its actor. */
export interface ReadContext {
  readonly credentials: BackstageCredentials;
  readonly request?: AuditorServiceCreateRequest;
  /** `http` for the routes, `action` for the actions registry. */
  readonly via: 'http' | 'action';
}

type AuditorServiceCreateRequest = NonNullable<
  Parameters<AuditorService['createEvent']>[0]['request']
>;

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

/** The caller as the audit log names it. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    BackstageUserPrincipal | BackstageServicePrincipal | BackstageNonePrincipal;
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return principal.subject;
  return 'none';
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
  const { store, access, auditor } = options;
  const directReadLimit = options.directReadLimit ?? 100;

  const begin = (context: ReadContext, meta: JsonObject) =>
    auditor.createEvent({
      eventId: 'orders-fetch',
      request: context.request,
      meta: {
        ...meta,
        caller: callerOf(context.credentials),
        via: context.via,
      },
    });

  /** Runs a step of an audited read; a failure ends the event with its error and what is known. */
  const step = async <T>(
    event: AuditorServiceEvent,
    run: () => Promise<T>,
    meta?: JsonObject,
  ): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  };

  /** Reads one workflow's data only when it is allowed; else the 404 of an unknown workflow. */
  const readWorkflow = async <T>(
    context: ReadContext,
    queryType: string,
    workflowId: string,
    read: () => Promise<T>,
  ): Promise<T> => {
    const event = await begin(context, { queryType, workflowId });
    const [decision] = await step(event, () =>
      access.decide({
        workflowIds: [workflowId],
        credentials: context.credentials,
      }),
    );
    if (decision !== 'allowed') {
      const error = workflowNotFound(workflowId);
      await event.fail({ error, meta: { decision } });
      throw error;
    }
    const value = await step(event, read, { decision });
    await event.success({ meta: { decision } });
    return value;
  };

  return {
    history(asked, context) {
      return readWorkflow(context, 'history', asked.workflowId, () =>
        store.getHistory(asked),
      );
    },

    async latestOrders(asked, context) {
      const { workflowIds, direction, code, limit } = asked;
      const event = await begin(context, {
        queryType: 'latest-orders',
        limit,
        direction: direction ?? null,
        code: code ?? null,
        workflowCount: workflowIds?.length ?? null,
      });
      const { credentials } = context;
      // Decided once for the request, before the store pages: a row costs no call of its own.
      // `all` needs no filter (the store then reads one row more than the page), `none` no read.
      const visibility = await step(event, async (): Promise<Visibility> => {
        if (workflowIds) {
          const decisions = await access.decide({ workflowIds, credentials });
          const allowed = new Set(
            workflowIds.filter((_, index) => decisions[index] === 'allowed'),
          );
          if (allowed.size === 0) return 'none';
          if (allowed.size === new Set(workflowIds).size) return 'all';
          return (id: string) => allowed.has(id);
        }
        const all = await access.decideAll({ credentials });
        if (!all.anyAllowed) return 'none';
        if (all.allAllowed) return 'all';
        // A caller who sees a few workflows has those read, not the index paged past the rest.
        if (all.allowedIds && all.allowedIds.length <= directReadLimit) {
          return { only: all.allowedIds };
        }
        return (id: string) => all.decisionOf(id) === 'allowed';
      });
      const read = (): Promise<LatestOrderPage> => {
        if (visibility === 'all') return store.getLatestOrders(asked);
        if (typeof visibility === 'function') {
          return store.getLatestOrders({ ...asked, isVisible: visibility });
        }
        return store.getLatestOrders({
          ...asked,
          workflowIds: (visibility as { only: readonly string[] }).only,
        });
      };
      const page: LatestOrderPage =
        visibility === 'none' ? { orders: [] } : await step(event, read);
      await event.success({
        meta: {
          rows: page.orders.length,
          visible: typeof visibility === 'string' ? visibility : 'some',
        },
      });
      return page;
    },

    activity({ workflowId, days }, context) {
      return readWorkflow(context, 'activity', workflowId, () =>
        store.getActivity({ workflowId, days }),
      );
    },

    async order({ orderId }, context) {
      const event = await begin(context, { queryType: 'order', orderId });
      // The order names its workflow, so it is read first; an unknown order and an order of a hidden
      // workflow then fail alike.
      const order = await step(event, () => store.getOrder({ orderId }));
      const [decision]: WorkflowDecision[] = order
        ? await step(
            event,
            () =>
              access.decide({
                workflowIds: [order.workflow_id.toLowerCase()],
                credentials: context.credentials,
              }),
            { workflowId: order.workflow_id },
          )
        : ['unknown'];
      if (!order || decision !== 'allowed') {
        const error = orderNotFound(orderId);
        await event.fail({
          error,
          meta: { decision, workflowId: order?.workflow_id ?? null },
        });
        throw error;
      }
      await event.success({
        meta: { decision, workflowId: order.workflow_id },
      });
      return order;
    },

    async lastOrders({ workflowIds }, context) {
      const event = await begin(context, {
        queryType: 'summaries',
        workflowCount: workflowIds.length,
      });
      const decisions = await step(event, () =>
        access.decide({ workflowIds, credentials: context.credentials }),
      );
      const counts = {
        allowed: decisions.filter(d => d === 'allowed').length,
        denied: decisions.filter(d => d === 'denied').length,
        unknown: decisions.filter(d => d === 'unknown').length,
      };
      const allowed = workflowIds.filter(
        (_, index) => decisions[index] === 'allowed',
      );
      const found =
        allowed.length > 0
          ? await step(
              event,
              () => store.getLastOrders({ workflowIds: allowed }),
              counts,
            )
          : [];
      await event.success({ meta: counts });

      const byId = new Map(allowed.map((id, index) => [id, found[index]]));
      return workflowIds.map((id, index) =>
        decisions[index] === 'allowed' ? byId.get(id) : null,
      );
    },
  };
}
