/**
 * The local portal of this repo, started by `npm start` and by the browser tests, and the process
 * handling it shares with the adoption test and the production-mode tests.
 *
 * @packageDocumentation
 */

export { startPortal, DEFAULT_API_TOKEN } from './portal';
export type { Portal, PortalOptions } from './portal';
export {
  startService,
  runCommand,
  stopCommands,
  waitForUrl,
  assertPortsFree,
} from './processes';
export type { Service, OutputTarget, CommandOptions } from './processes';
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
