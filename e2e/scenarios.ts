import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Page } from 'playwright-core';
import { demoWorkflow, LIVE_WORKFLOWS, readDemoWorkflows } from '../packages/backend/scripts/demoWorkflows';
import type { Portal } from '../packages/backend/scripts/portal';
import { DEMO_HISTORY } from '../packages/backend/scripts/seed';
import { check, eventually, rowTexts, rowTimes, Scenario } from './harness';

const RETENTION_SECONDS = 7 * 24 * 60 * 60;
const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 10 });
const inWindow = (name: string) => DEMO_HISTORY[name].filter(o => o.ageSeconds < RETENTION_SECONDS);
const isNewestFirst = (times: string[]) =>
  times.every((time, i) => i === 0 || Date.parse(times[i - 1]) >= Date.parse(time));

/** The user-visible acceptance scenarios, run in order against one running portal. */
export function createScenarios(portal: Portal, screenshotsDir: string): Scenario[] {
  const workflows = readDemoWorkflows();
  const entityUrl = (name: string, tab = '') => `${portal.appUrl}/catalog/default/component/${name}${tab}`;
  const rowOf = (page: Page, name: string) =>
    page.locator('tbody tr').filter({ has: page.locator(`a[href$="/component/${name}"]`) });
  const ordersOf = async (page: Page, name: string, count: number) => {
    await page.goto(entityUrl(name, '/orders'));
    return eventually(`${count} order rows of ${name}`, async () => {
      const rows = await rowTexts(page);
      return rows.length === count && rows;
    });
  };

  return [
    {
      name: 'US1-1: a workflow with 3 orders in the past day shows 3 rows with time, price, quantity and direction',
      async run(page) {
        const seeded = DEMO_HISTORY['fra40-breakout'];
        const rows = await ordersOf(page, 'fra40-breakout', 3);
        seeded.forEach((order, i) => {
          for (const text of [number(order.price), number(order.quantity), order.direction]) {
            check(rows[i].includes(text), `row ${i + 1} "${rows[i]}" does not show ${text}`);
          }
          check(/(minute|hour)s? ago/.test(rows[i]), `row ${i + 1} "${rows[i]}" shows no time`);
        });
        await page.screenshot({ path: join(screenshotsDir, 'orders-tab.png') });
      },
    },
    {
      name: 'US1-2: a workflow with no orders in 7 days shows the empty text',
      async run(page) {
        await page.goto(entityUrl('spx-momentum', '/orders'));
        await page.getByText('No orders placed in the last 7 days').waitFor();
        check((await page.locator('tbody tr').count()) === 0, 'the empty workflow shows order rows');
      },
    },
    {
      name: 'US1-3: rows are newest first',
      async run(page) {
        await ordersOf(page, 'fra40-breakout', 3);
        const times = await rowTimes(page);
        check(times.length === 3 && isNewestFirst(times), `rows are not newest first: ${times}`);
      },
    },
    {
      name: 'US2-1..3: the workflows list shows the last order time, "2 days ago" and "No orders yet"',
      async run(page) {
        await page.goto(`${portal.appUrl}/catalog`);
        const cell = (name: string, pattern: RegExp) =>
          eventually(`${name} reading ${pattern}`, async () => {
            const text = await rowOf(page, name).innerText();
            return pattern.test(text) && text;
          });
        await cell('fra40-breakout', /Last order: \d+ minutes? ago/);
        await cell('dax-mean-reversion', /Last order: 2 days ago/);
        await cell('spx-momentum', /No orders yet/);
        const router = await rowOf(page, 'order-router').innerText();
        check(!/Last order|No orders yet/.test(router), `order-router, not a workflow, reads "${router}"`);
        await page.screenshot({ path: join(screenshotsDir, 'workflows-list.png') });
      },
    },
    {
      name: 'the Last order card shows the last order and the 7-day count on the overview',
      async run(page) {
        const [last] = DEMO_HISTORY['fra40-breakout'];
        await page.goto(entityUrl('fra40-breakout'));
        const card = page.locator('[class*="MuiCard-root"]').filter({ hasText: 'in the last 7 days' });
        await card.getByText(`${last.code} @ ${number(last.price)}`).waitFor();
        const text = await card.innerText();
        check(/Last order: \d+ minutes? ago/.test(text), `the card reads "${text}"`);
        check(text.includes('3 orders in the last 7 days'), `the card reads "${text}"`);
        await card.screenshot({ path: join(screenshotsDir, 'last-order-card.png') });
      },
    },
    {
      name: 'an order older than 7 days never appears',
      async run(page) {
        await page.goto(entityUrl('gold-trend-follower', '/orders'));
        await page.getByText('No orders placed in the last 7 days').waitFor();
        const dax = inWindow('dax-mean-reversion');
        check(dax.length < DEMO_HISTORY['dax-mean-reversion'].length, 'the demo history has no expired DAX order');
        await ordersOf(page, 'dax-mean-reversion', dax.length);
        await page.getByText(`${dax.length} orders in the last 7 days`).waitFor();
        await page.goto(`${portal.appUrl}/catalog`);
        await eventually('gold-trend-follower reading "No orders yet"', async () =>
          (await rowOf(page, 'gold-trend-follower').innerText()).includes('No orders yet'),
        );
      },
    },
    {
      name: 'the entity without the annotation shows the missing-annotation state',
      async run(page) {
        await page.goto(entityUrl('order-router', '/orders'));
        await page.getByText(/missing annotation/i).first().waitFor();
        await page.getByText('workflow-orders/workflow-id').first().waitFor();
      },
    },
    {
      name: 'scripts read the API with the static token; a request without it gets 401',
      async run() {
        const { workflowId } = demoWorkflow(workflows, 'fra40-breakout');
        const url = `${portal.backendUrl}/api/workflow-orders/workflows/${workflowId}/orders`;
        const withToken = await fetch(url, { headers: { Authorization: `Bearer ${portal.apiToken}` } });
        const body = (await withToken.json()) as { orders: unknown[] };
        check(withToken.status === 200 && body.orders.length === 3, `with the token: ${withToken.status}`);
        const without = await fetch(url);
        check(without.status === 401, `without a token: ${without.status}`);
      },
    },
    {
      name: "the quickstart's put-item of a test order appears on Test Workflow",
      async run(page) {
        const now = Math.floor(Date.now() / 1000);
        const client = new DynamoDBClient({
          endpoint: portal.dynamodbEndpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });
        try {
          await client.send(
            new PutItemCommand({
              TableName: 'workflow_orders',
              Item: {
                id: { S: 'test-order-001' },
                workflow_id: { S: '550e8400-e29b-41d4-a716-446655440000' },
                workflow_name: { S: 'Test Workflow' },
                placed_at: { N: String(now) },
                order_code: { S: 'FRA40.I' },
                order_price: { N: '7850.25' },
                order_quantity: { N: '10' },
                order_direction: { S: 'BUY' },
                order_type: { S: 'LIMIT' },
                ttl: { N: String(now + RETENTION_SECONDS) },
              },
            }),
          );
        } finally {
          client.destroy();
        }
        const [row] = await ordersOf(page, 'test-workflow', 1);
        check(row.includes('FRA40.I') && row.includes('7,850.25'), `the row reads "${row}"`);
      },
    },
    {
      name: 'an order placed by the demo engine while the page is open appears after the refresh interval',
      timeoutMs: 150_000,
      async run(page) {
        const name = LIVE_WORKFLOWS[0].name;
        await page.goto(entityUrl(name, '/orders'));
        const [newestAtLoad] = await eventually(`orders of ${name}`, async () => {
          const times = await rowTimes(page);
          return times.length > 0 && times;
        });
        await eventually(
          'a newer order without reloading the page',
          async () => Date.parse((await rowTimes(page))[0]) > Date.parse(newestAtLoad),
          130_000,
        );
        check(isNewestFirst(await rowTimes(page)), 'the refreshed rows are not newest first');
      },
    },
    {
      name: 'with DynamoDB stopped the tab shows an error, not "no orders", and recovers when it restarts',
      timeoutMs: 90_000,
      async run(page) {
        await portal.stopDynamoDb();
        try {
          await page.goto(entityUrl('fra40-breakout', '/orders'));
          await page.getByText('Could not load the orders').waitFor({ timeout: 30_000 });
          check(
            (await page.getByText('No orders placed').count()) === 0,
            'the failed load reads as "no orders"',
          );
        } finally {
          await portal.startDynamoDb();
        }
        await page.getByRole('button', { name: 'Retry' }).click();
        await eventually('3 order rows after the restart', async () => (await rowTexts(page)).length === 3, 30_000);
        check((await page.getByText('Could not load the orders').count()) === 0, 'the error stays after recovery');
      },
    },
  ];
}
