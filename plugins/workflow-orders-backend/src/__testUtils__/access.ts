import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  WORKFLOW_ID_ANNOTATION,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { anOrder } from '@workflow-orders/test-utils';
import express from 'express';
import type { OrderStore } from '../database/OrderStore';
import { createCursorCodec } from '../service/cursor';
import { createRouter } from '../service/router';
import { createOrderReads } from '../service/OrderReads';
import {
  createWorkflowAccess,
  type WorkflowAccess,
  type WorkflowDecision,
} from '../service/WorkflowAccess';

/** A workflow whose entity a {@link trader} may read. */
export const VISIBLE = '550e8400-e29b-41d4-a716-446655440000';
/** A workflow whose entity a {@link trader} finds but may not read. */
export const HIDDEN = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';
/** A workflow no entity carries. */
export const UNLINKED = 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f';
/** When {@link storedRecord} was placed: 2026-01-01T00:00:00.250Z. */
export const PLACED_AT = 1_767_225_600.25;

/** A catalog entity carrying a workflow id, written as given (the catalog keeps the case). */
export function workflowEntity(name: string, workflowId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [WORKFLOW_ID_ANNOTATION]: workflowId },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/traders',
    },
  };
}

/**
 * A permission policy as a function of one request: the entity ref of a resource request, or
 * `unlinked` for the read-unlinked permission.
 */
export type TestPolicy = (
  target: string,
  request: AuthorizePermissionRequest,
) => boolean;

/** Allows everything. */
export const allowAll: TestPolicy = () => true;

/** The catalog of {@link VISIBLE} and {@link HIDDEN}, its annotation in upper case as some files write it. */
export const ENTITIES = [
  workflowEntity('dax-breakout', VISIBLE),
  workflowEntity('nikkei-momentum', HIDDEN.toUpperCase()),
];
/** A trader: every workflow but nikkei-momentum's ({@link HIDDEN}), no unlinked workflow. */
export const trader: TestPolicy = target =>
  target !== 'component:default/nikkei-momentum' && target !== 'unlinked';
/** Operations staff: the trader's workflows, and unlinked ones. */
export const operations: TestPolicy = target =>
  target !== 'component:default/nikkei-momentum';

/** A permission service deciding each request with `policy`, counting its calls. */
export function permissionsWith(policy: TestPolicy) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      (requests as AuthorizePermissionRequest[]).map(request => {
        const target =
          request.permission.name === workflowOrdersReadUnlinkedPermission.name
            ? 'unlinked'
            : (request.resourceRef as string);
        return {
          result: policy(target, request)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        };
      }),
  });
}

/** An auditor whose events are jest mocks: `events[i]` is the i-th event created. */
export function recordingAuditor() {
  const events: Array<jest.Mocked<AuditorServiceEvent>> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async () => {
      const event = { success: jest.fn(), fail: jest.fn() };
      events.push(event);
      return event;
    },
  });
  return { auditor, events };
}

/**
 * The reads of the plugin over a store, a catalog of `entities` ({@link ENTITIES} by default), a
 * policy (allowing everything by default) and a recording auditor.
 */
export function readsWith(options: {
  store: OrderStore;
  entities?: Entity[];
  policy?: TestPolicy;
}) {
  const catalog = catalogServiceMock({
    entities: options.entities ?? ENTITIES,
  });
  jest.spyOn(catalog, 'queryEntities');
  const permissions = permissionsWith(options.policy ?? allowAll);
  const { auditor, events } = recordingAuditor();
  const reads = createOrderReads({
    store: options.store,
    access: createWorkflowAccess({ catalog, permissions }),
    auditor,
  });
  return { reads, catalog, permissions, auditor, events };
}

/** A store whose every method is a jest mock. */
export function mockStore(): jest.Mocked<OrderStore> {
  return {
    getHistory: jest.fn(),
    getOrder: jest.fn(),
    getLastOrders: jest.fn(),
    getLatestOrders: jest.fn(),
    getActivity: jest.fn(),
    checkHealth: jest.fn(),
  };
}

/** The cursors of {@link routerWith}'s router. */
export const cursors = createCursorCodec({ secret: 'a secret of these tests' });

/** The router over the reads of {@link readsWith}, with the services it used. */
export async function routerWith(options: {
  store: jest.Mocked<OrderStore>;
  entities?: Entity[];
  policy?: TestPolicy;
}) {
  const services = readsWith(options);
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    store: options.store,
    reads: services.reads,
    cursors,
  });
  const errorHandler = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.rootLogger(),
  }).error();
  return { app: express().use(router).use(errorHandler), ...services };
}

/** A stored order as the store returns it: the sample order of workflow {@link VISIBLE}. */
export function storedRecord(
  fields: Partial<WorkflowOrderRecord> = {},
): WorkflowOrderRecord {
  return {
    id: 'order-1',
    ...anOrder({ workflow_id: VISIBLE }),
    placed_at: PLACED_AT,
    asset_type: 'CfdOnIndex',
    trigger_close: 7845.5,
    execution_context: 'lambda-event-123abc',
    ...fields,
  } as WorkflowOrderRecord;
}

/**
 * Access decisions as a table: each id listed has its decision, any other is `unknown`, or
 * `allowed` with `unlinked`. Its methods are jest mocks, so a test sees what was asked.
 */
export function accessWith(
  decisions: Record<string, WorkflowDecision>,
  options: { unlinked?: boolean } = {},
) {
  const decisionOf = (id: string): WorkflowDecision =>
    decisions[id] ?? (options.unlinked ? 'allowed' : 'unknown');
  const allowedIds = Object.keys(decisions).filter(
    id => decisions[id] === 'allowed',
  );
  const access = {
    decide: jest.fn<
      ReturnType<WorkflowAccess['decide']>,
      Parameters<WorkflowAccess['decide']>
    >(async ({ workflowIds }) => workflowIds.map(decisionOf)),
    decideAll: jest.fn<
      ReturnType<WorkflowAccess['decideAll']>,
      Parameters<WorkflowAccess['decideAll']>
    >(async () => ({
      decisionOf,
      anyAllowed: options.unlinked || allowedIds.length > 0,
      allAllowed:
        !!options.unlinked &&
        allowedIds.length === Object.keys(decisions).length,
      allowedIds: options.unlinked ? undefined : allowedIds,
    })),
  };
  return access satisfies WorkflowAccess;
}
