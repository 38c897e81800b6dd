import type { Page, Response, WebSocket } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { awsCliPutItem, quickstartItem } from '@workflow-orders/test-utils';
import { demoWorkflow } from '@workflow-orders/local-portal';
import { LIVE_ORDERS_CHANNEL } from '@workflow-orders/plugin-workflow-orders-common';
import {
  expect,
  orderRows,
  signedInAs,
  test,
  type PortalInfo,
} from './fixtures';

// Live updates: an open Workflow orders page shows a new order within seconds, without a reload, and
// what reaches a browser never names a workflow its user may not see.

const PAGE_URL = '/workflow-orders';
/** The time an order written now may take to show: the watch interval (2 s) and the feed. */
const LIVE_WITHIN = { timeout: 5_000 };

/** The workflow cell of each row, top to bottom (its title, and what a row says besides). */
const workflowNames = (page: Page): Promise<string[]> =>
  orderRows(page).locator('[role="rowheader"]').allInnerTexts();

/** Opens the Workflow orders page, waits for its rows and its "Live" mode, and marks the document. */
async function openLivePage(page: Page) {
  await page.goto(PAGE_URL);
  await expect(orderRows(page).locator('time').first()).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}

/** Whether the document marked by {@link openLivePage} is still the one shown. */
const stillSameDocument = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { notReloaded?: boolean }).notReloaded === true,
  );

/** Writes one order with the AWS CLI, as a person following the quickstart does. */
async function putOrder(
  portal: PortalInfo,
  order: {
    workflowId: string;
    id: string;
    name: string;
    price: string;
    /** Seconds after now it is placed at (default 0). */
    ahead?: number;
  },
) {
  await awsCliPutItem({
    endpoint: portal.dynamodbEndpoint,
    tableName: 'workflow_orders',
    item: {
      ...quickstartItem({
        workflowId: order.workflowId,
        placedAt: Math.floor(Date.now() / 1000) + (order.ahead ?? 0),
        id: order.id,
      }),
      workflow_name: { S: order.name },
      order_price: { N: order.price },
    },
  });
}

/** Everything the page receives about orders: websocket frames and the bodies of live answers. */
function recordWhatArrives(page: Page) {
  const received: string[] = [];
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framereceived', frame => received.push(String(frame.payload)));
  });
  page.on('response', async (response: Response) => {
    if (!response.url().includes('/api/workflow-orders/')) return;
    received.push(await response.text().catch(() => ''));
  });
  return received;
}

test.describe('as Olivia of operations', () => {
  test('an order written with the AWS CLI is at the top of the open Workflow orders page within 5 s, without a reload', async ({
    page,
    portal,
  }) => {
    await openLivePage(page);
    const workflowId = randomUUID();
    const name = `Live check ${workflowId.slice(0, 8)}`;

    await putOrder(portal, {
      workflowId,
      id: `live-${workflowId}`,
      name,
      price: '6543.25',
    });

    // At the top, unless the demo engine placed a newer order meanwhile: then right below it.
    const rowOfName = async () =>
      (await workflowNames(page)).findIndex(cell => cell.includes(name));
    await expect.poll(rowOfName, LIVE_WITHIN).toBeGreaterThanOrEqual(0);
    expect(await rowOfName()).toBeLessThanOrEqual(1);
    await expect(
      orderRows(page).filter({ hasText: name }).first(),
    ).toContainText('6,543.25');
    expect(await stillSameDocument(page)).toBe(true);
  });
});

test.describe('as Tara of the trading desk', () => {
  test.use(signedInAs('tara'));

  test("a push about another desk's workflow never reaches the page: no websocket frame or answer names it", async ({
    page,
    portal,
    workflows,
  }) => {
    const received = recordWhatArrives(page);
    await openLivePage(page);
    // Workflows the demo engine trades all day, so no other scenario counts their orders.
    const own = demoWorkflow(workflows, 'eurusd-scalper');
    const other = demoWorkflow(workflows, 'btc-range-trader');
    const hiddenOrderId = `live-hidden-${randomUUID()}`;
    const ownOrderId = `live-own-${randomUUID()}`;

    await putOrder(portal, {
      workflowId: other.workflowId,
      id: hiddenOrderId,
      name: other.title,
      price: '1111.5',
    });
    await putOrder(portal, {
      workflowId: own.workflowId,
      id: ownOrderId,
      name: own.title,
      price: '2222.5',
      // A minute ahead, so that the demo engine's next order of it does not replace it meanwhile.
      ahead: 60,
    });

    // Her own workflow's new order arrives live: the push path works for her.
    await expect(
      orderRows(page).filter({ hasText: own.title }).first(),
    ).toContainText('2,222.5', LIVE_WITHIN);
    expect(await stillSameDocument(page)).toBe(true);
    expect(
      received.some(payload => payload.includes(LIVE_ORDERS_CHANNEL)),
    ).toBe(true);

    // Nothing of the other desk's workflow reached her browser.
    const leaks = received.filter(
      payload =>
        payload.includes(other.workflowId) ||
        payload.includes(hiddenOrderId) ||
        payload.includes('1111.5'),
    );
    expect(leaks).toEqual([]);
    await expect(page.getByText(other.title)).toHaveCount(0);
  });
});
