import { join, resolve } from 'node:path';
import {
  expect,
  test as base,
  type Locator,
  type Page,
} from '@playwright/test';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  DEMO_HISTORY,
  readDemoWorkflows,
  type DemoWorkflow,
} from '@workflow-orders/local-portal';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Identity } from './identities';
import { callApi, type ApiRequest } from './support/api';
import { putOrderByHand } from './support/orders';
import { tokenOf } from './support/signIn';

export * from './identities';
export {
  demoSignIn,
  signedInAs,
  signedOut,
  signInOnPage,
} from './support/signIn';

/** Where the README's screenshots are written. */
export const SCREENSHOTS_DIR = resolve(__dirname, '../docs/screenshots');

/** The running portal of the global setup. */
export interface PortalInfo {
  appUrl: string;
  backendUrl: string;
  dynamodbEndpoint: string;
  apiToken: string;
}

/** The portal's DynamoDB, taken away and brought back by a scenario. */
export interface DynamoDbControl {
  stop(): Promise<void>;
  start(): Promise<void>;
}

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

/** The Last order card of the entity page that is open (a Backstage UI card). */
export const lastOrderCard = (page: Page): Locator =>
  page
    .locator('.bui-Card')
    .filter({ has: page.getByRole('heading', { name: 'Last order' }) });

/** The last-order cell text of the workflows list: "54m ago", "2d ago" or "now", then a tag. */
export const LAST_ORDER_CELL = /\d+[mhd] ago|now (BUY|SELL)/;

/** Opens the app in the light or the dark theme, as the theme setting stores it. */
export async function useThemeMode(page: Page, mode: 'light' | 'dark') {
  await page.addInitScript(
    theme => window.localStorage.setItem('theme', theme),
    mode,
  );
}

/** The rows of the first table of the page. */
export const orderRows = (page: Page): Locator =>
  page.locator('table').first().locator('tbody tr');

/** The `datetime` of every `<time>` in the rows of the first table, in row order. */
export const rowTimes = (page: Page): Promise<string[]> =>
  orderRows(page)
    .locator('time')
    .evaluateAll(nodes =>
      nodes.map(node => node.getAttribute('datetime') ?? ''),
    );

function env(name: string): string {
  const value = process.env[`WORKFLOW_ORDERS_E2E_${name}`];
  if (!value) {
    throw new Error(
      `WORKFLOW_ORDERS_E2E_${name} is not set: run the browser tests with npm run e2e`,
    );
  }
  return value;
}

/** What every scenario gets: the portal, the demo workflows, and where to look in the portal. */
export const test = base.extend<{
  portal: PortalInfo;
  workflows: DemoWorkflow[];
  dynamodb: DynamoDbControl;
  /** The URL of entity `name`'s page, or of one of its tabs. */
  entityUrl: (name: string, tab?: string) => string;
  /** The row of entity `name` in the workflows list. */
  rowOf: (name: string) => Locator;
  /** Opens the Orders tab of `name` and waits until it shows `count` rows; their texts. */
  ordersOf: (name: string, count: number) => Promise<string[]>;
  /** The Backstage token of `identity`, as the app gets it when it signs in. */
  tokenOf: (identity: Identity) => Promise<string>;
  /** Calls `path` of the workflow-orders API with `token` (a person's, or the scripts' static one). */
  api: (token: string, path: string, request?: ApiRequest) => Promise<Response>;
  /**
   * Writes an order item with the AWS CLI, around the recorder, and waits until the Workflow orders
   * API lists it as its workflow's latest order; the row.
   */
  putOrderByHand: (
    item: Record<string, AttributeValue>,
  ) => Promise<Record<string, unknown>>;
}>({
  portal: async ({}, use) => {
    await use({
      appUrl: env('APP_URL'),
      backendUrl: env('BACKEND_URL'),
      dynamodbEndpoint: env('DYNAMODB'),
      apiToken: env('API_TOKEN'),
    });
  },
  workflows: async ({}, use) => use(readDemoWorkflows()),
  dynamodb: async ({}, use) => {
    const call = async (action: 'stop' | 'start') => {
      const res = await fetch(`${env('CONTROL_URL')}/dynamodb/${action}`, {
        method: 'POST',
      });
      expect(res.status, `DynamoDB ${action}`).toBe(204);
    };
    await use({ stop: () => call('stop'), start: () => call('start') });
  },
  entityUrl: async ({}, use) =>
    use((name, tab = '') => `/catalog/default/component/${name}${tab}`),
  rowOf: async ({ page }, use) =>
    use(name =>
      page
        .locator('tbody tr')
        .filter({ has: page.locator(`a[href$="/component/${name}"]`) }),
    ),
  ordersOf: async ({ page, entityUrl }, use) =>
    use(async (name, count) => {
      await page.goto(entityUrl(name, '/orders'));
      await expect(orderRows(page)).toHaveCount(count);
      return orderRows(page).allInnerTexts();
    }),
  tokenOf: async ({ portal }, use) =>
    use(identity => tokenOf(portal.backendUrl, identity)),
  api: async ({ portal }, use) =>
    use((token, path, request) =>
      callApi(portal.backendUrl, token, path, request),
    ),
  putOrderByHand: async ({ portal }, use) =>
    use(item => putOrderByHand(portal, item)),
});

export { expect };

/** The path of a README screenshot. */
export const screenshot = (name: string) => join(SCREENSHOTS_DIR, name);
