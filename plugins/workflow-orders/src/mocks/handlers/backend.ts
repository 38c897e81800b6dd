import { CustomErrorBase } from '@backstage/errors';
import { delay, HttpResponseResolver, PathParams } from 'msw';
import { WorkflowOrderListItem } from '@workflow-orders/plugin-workflow-orders-common';
import {
  RequestSchema,
  errorAnswer,
  parseInput,
  storeUnavailable,
  workflowNotFound,
} from '../answers';
import { healthyWorkflows } from '../demoWorkflows';
import { MockOrder, MockWorkflow, ordersInWindow } from '../fixtures';
import type { MockLiveFeed } from '../liveFeed';

/** Options of `createWorkflowOrdersHandlers`. */
export interface MockBackendOptions {
  /** Where the backend is; any host by default. */
  baseUrl?: string;
  /** The workflows it knows; the healthy demo workflows by default. */
  workflows?: MockWorkflow[];
  /** How long a slow workflow takes to answer. */
  slowMs?: number;
  /** The mock clock, epoch milliseconds. */
  now?: () => number;
  /** The instant the orders' ages count from, epoch milliseconds; when the backend is created by default. */
  origin?: number;
  /** New orders while the dev app runs, for `GET /live/changes`; none by default. */
  live?: MockLiveFeed;
}

/** What every route of the mock backend reads: its workflows, its clock and how it answers. */
export interface MockBackend {
  readonly base: string;
  readonly workflows: readonly MockWorkflow[];
  /** Waits as a slow workflow answers. */
  slowDown(): Promise<void>;
  /** The mock clock, epoch milliseconds. */
  now(): number;
  /** When an order was placed, epoch milliseconds. */
  placedAt(order: MockOrder): number;
  /** A workflow's orders inside the retention window now, newest first. */
  inWindow(workflow: MockWorkflow): MockOrder[];
  /** An order as a row of a history page. */
  listItem(workflow: MockWorkflow, order: MockOrder): WorkflowOrderListItem;
  /**
   * The workflow a request reads (its id already parsed), slowed down if it is slow; an unknown id
   * is a workflow without orders, as the backend answers for one no catalog entity carries. Throws
   * the backend's 404 for a hidden workflow, its 503 for one whose store fails while doing `action`.
   */
  read(workflowId: string, action: string): Promise<MockWorkflow>;
}

export const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** The mock backend of `options`; its orders were placed relative to the time it is created. */
export function createMockBackend(options: MockBackendOptions): MockBackend {
  const workflows = options.workflows ?? healthyWorkflows();
  const slowMs = options.slowMs ?? 2500;
  const now = options.now ?? Date.now;
  const origin = options.origin ?? now();
  const placedAt = (order: MockOrder) => origin - order.secondsAgo * 1000;
  const slowDown = () => delay(slowMs).then(() => undefined);
  return {
    base: options.baseUrl ?? '*/api/workflow-orders',
    workflows,
    slowDown,
    now,
    placedAt,
    inWindow: workflow => ordersInWindow(workflow, origin, now()),
    listItem: (workflow, order) => ({
      id: order.id,
      workflow_id: workflow.id,
      placed_at: iso(placedAt(order)),
      order_code: order.order_code,
      order_price: order.order_price,
      order_quantity: order.order_quantity,
      order_direction: order.order_direction,
      order_type: order.order_type,
    }),
    async read(workflowId, action) {
      const workflow = workflows.find(w => w.id === workflowId);
      if (workflow?.slow) await slowDown();
      if (workflow?.hidden) throw workflowNotFound(workflowId);
      if (workflow?.failing) throw storeUnavailable(action);
      return workflow ?? { id: workflowId, name: '', orders: [] };
    },
  };
}

/**
 * A route's resolver that answers the errors it throws as the backend's error middleware does; any
 * other exception is a bug of the mock and fails the request.
 */
export function answering<Params extends PathParams>(
  resolver: HttpResponseResolver<Params>,
): HttpResponseResolver<Params> {
  return async info => {
    try {
      return await resolver(info);
    } catch (error) {
      if (error instanceof CustomErrorBase) {
        return errorAnswer(info.request, error);
      }
      throw error;
    }
  };
}

/** A query string as Express reads it: a repeated parameter becomes an array. */
export function queryOf(request: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  new URL(request.url).searchParams.forEach((value, key) => {
    const known = query[key];
    if (known === undefined) query[key] = value;
    else query[key] = Array.isArray(known) ? [...known, value] : [known, value];
  });
  return query;
}

/** A route's path parameters, parsed with the contract's schema; the backend's 400 when they do not parse. */
export function pathOf<T>(schema: RequestSchema<T>, params: unknown): T {
  return parseInput(schema, params, 'path parameter');
}

/** A request's query, parsed with the contract's schema; the backend's 400 when it does not parse. */
export function queryOfRequest<T>(
  schema: RequestSchema<T>,
  request: Request,
): T {
  return parseInput(schema, queryOf(request), 'query parameter');
}

/** True when an order is of the direction and asset code asked for (any, when not asked). */
export function matches(
  order: MockOrder,
  filters: { direction?: string; code?: string },
): boolean {
  return (
    (!filters.direction || order.order_direction === filters.direction) &&
    (!filters.code || order.order_code?.toUpperCase() === filters.code)
  );
}
