import type { Page } from 'playwright-core';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import { readDemoWorkflows } from '../packages/backend/scripts/demoWorkflows';
import type { Portal } from '../packages/backend/scripts/portal';
import { DEMO_HISTORY } from '../packages/backend/scripts/seed';
import { eventually, rowTexts } from './harness';

/** A price or quantity as the portal prints it. */
export const number = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: 10 });

/** The demo orders of workflow `name` that are inside the 7-day window. */
export const inWindow = (name: string) =>
  DEMO_HISTORY[name].filter(o => o.ageSeconds < ORDER_RETENTION_SECONDS);

/** True when the ISO times are in descending order. */
export const isNewestFirst = (times: string[]) =>
  times.every(
    (time, i) => i === 0 || Date.parse(times[i - 1]) >= Date.parse(time),
  );

/** Where the scenarios look in the portal, and what they expect to find there. */
export function portalPages(portal: Portal) {
  const entityUrl = (name: string, tab = '') =>
    `${portal.appUrl}/catalog/default/component/${name}${tab}`;
  return {
    portal,
    workflows: readDemoWorkflows(),
    entityUrl,
    /** The row of entity `name` in the workflows list. */
    rowOf: (page: Page, name: string) =>
      page
        .locator('tbody tr')
        .filter({ has: page.locator(`a[href$="/component/${name}"]`) }),
    /** Opens the Orders tab of `name` and waits until it shows `count` rows. */
    ordersOf: async (page: Page, name: string, count: number) => {
      await page.goto(entityUrl(name, '/orders'));
      return eventually(`${count} order rows of ${name}`, async () => {
        const rows = await rowTexts(page);
        return rows.length === count && rows;
      });
    },
  };
}

/** The helpers every scenario file gets. */
export type PortalPages = ReturnType<typeof portalPages>;
