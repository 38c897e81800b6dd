import type {
  AuditorService,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { LiveSettings } from '../config';
import type { OrderStore } from '../database/OrderStore';
import type { WorkflowAccess } from '../service/WorkflowAccess';
import { createLiveChanges, type LiveChanges } from './liveChanges';
import { LatestOrderWatcher } from './LatestOrderWatcher';

/**
 * The live updates of one backend instance: the watcher of the latest-orders index, stopped when
 * the backend shuts down, and the answers of `GET /live/changes`. Undefined when
 * `workflowOrders.live.enabled` is false or the store cannot read latest orders since a time: the
 * route is then not served, and browsers poll.
 */
export function createLiveUpdates(options: {
  settings: LiveSettings;
  store: OrderStore;
  signals: SignalsService;
  access: WorkflowAccess;
  auditor: AuditorService;
  logger: LoggerService;
  lifecycle: LifecycleService;
}): LiveChanges | undefined {
  const { settings, store, logger } = options;
  if (!settings.enabled) return undefined;
  if (!store.getLatestOrdersSince) {
    logger.info(
      'Live updates are off: the order store does not read latest orders since a time',
    );
    return undefined;
  }
  const watcher = new LatestOrderWatcher({
    readSince: query => store.getLatestOrdersSince!(query),
    signals: options.signals,
    logger,
    intervalMs: settings.intervalMs,
    bufferSize: settings.bufferSize,
  });
  options.lifecycle.addShutdownHook(() => watcher.stop());
  return createLiveChanges({
    watcher,
    access: options.access,
    auditor: options.auditor,
  });
}
