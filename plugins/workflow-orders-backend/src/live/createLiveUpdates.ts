import type {
  AuditorService,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { normalizeWorkflowId } from '@workflow-orders/plugin-workflow-orders-common';
import type { LiveSettings } from '../config';
import type { OrderStore } from '../database/OrderStore';
import type { WorkflowAccess } from '../service/WorkflowAccess';
import { createLiveChanges, type LiveChanges } from './liveChanges';
import { LatestOrderWatcher, LIVE_LEASE_MS } from './LatestOrderWatcher';
import { LiveViewers } from './LiveViewers';
import { SharedFirstPages } from './SharedFirstPages';

/** The live updates of one backend instance ({@link createLiveUpdates}). */
export interface LiveUpdates {
  /** The answers of `GET /live/changes`. */
  readonly changes: LiveChanges;
  /** The store the reads use: first history pages shared between callers until they change. */
  readonly store: OrderStore;
}

/**
 * The live updates of one backend instance: the watcher of the latest-orders index, stopped when
 * the backend shuts down; the answers of `GET /live/changes`; and the store with the first page of
 * each workflow's history shared between callers for an interval, dropped when the watcher sees a
 * new order of the workflow, so that the tabs that reload it on a hint cost one read. Undefined
 * when `workflowOrders.live.enabled` is false or the store cannot read latest orders since a time:
 * the route is then not served, and browsers poll.
 */
export function createLiveUpdates(options: {
  settings: LiveSettings;
  store: OrderStore;
  signals: SignalsService;
  access: WorkflowAccess;
  auditor: AuditorService;
  logger: LoggerService;
  lifecycle: LifecycleService;
}): LiveUpdates | undefined {
  const { settings, store, logger } = options;
  if (!settings.enabled) return undefined;
  if (!store.getLatestOrdersSince) {
    logger.info(
      'Live updates are off: the order store does not read latest orders since a time',
    );
    return undefined;
  }
  const firstPages = new SharedFirstPages({ ttlMs: settings.intervalMs });
  const viewers = new LiveViewers({
    signals: options.signals,
    logger,
    leaseMs: LIVE_LEASE_MS,
    ...(store.getOrdersAfter && {
      readOrdersAfter: query => store.getOrdersAfter!(query),
    }),
  });
  const watcher = new LatestOrderWatcher({
    readSince: query => store.getLatestOrdersSince!(query),
    push: push => viewers.push(push),
    logger,
    intervalMs: settings.intervalMs,
    bufferSize: settings.bufferSize,
    onChanges: orders =>
      firstPages.invalidate(
        orders.map(order => normalizeWorkflowId(order.workflow_id)),
      ),
  });
  options.lifecycle.addShutdownHook(() => watcher.stop());
  return {
    changes: createLiveChanges({
      watcher,
      viewers,
      access: options.access,
      auditor: options.auditor,
    }),
    // Only while the watcher reads is a workflow's page dropped as soon as it has a new order.
    store: firstPages.wrap(store, () => watcher.watching),
  };
}
