import type { Portal } from '../packages/backend/scripts/portal';
import type { Scenario } from './harness';
import { operationScenarios } from './operations';
import { portalPages } from './pages';
import { userStoryScenarios } from './userStories';

/** Every browser scenario, run in this order against one running portal. */
export function createScenarios(
  portal: Portal,
  screenshotsDir: string,
): Scenario[] {
  const pages = portalPages(portal);
  return [
    ...userStoryScenarios(pages, screenshotsDir),
    ...operationScenarios(pages),
  ];
}
