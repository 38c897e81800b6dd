/**
 * The local portal of this repo, started by `npm start` and by the browser tests.
 *
 * @packageDocumentation
 */

export { startPortal, DEFAULT_API_TOKEN } from './portal';
export type { Portal, PortalOptions } from './portal';
export { startService, waitForUrl } from './processes';
export type { Service, OutputTarget } from './processes';
export {
  readDemoWorkflows,
  demoWorkflow,
  LIVE_WORKFLOWS,
  DEMO_CATALOG_DIR,
} from './demoWorkflows';
export type { DemoWorkflow } from './demoWorkflows';
export {
  DEMO_HISTORY,
  FIRST_RELEASE_HISTORY,
  RETIRED_HISTORY,
  RETIRED_WORKFLOW,
  firstReleaseItem,
  seedDemoOrders,
} from './seed';
export type { RawItem, SeedOrder } from './seed';
