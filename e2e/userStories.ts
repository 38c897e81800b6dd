import { join } from 'node:path';
import { DEMO_HISTORY } from '../packages/backend/scripts/seed';
import { check, eventually, rowTimes, Scenario } from './harness';
import { inWindow, isNewestFirst, number, PortalPages } from './pages';

/** The acceptance scenarios of the user stories, as a user sees them in the portal. */
export function userStoryScenarios(
  { portal, entityUrl, rowOf, ordersOf }: PortalPages,
  screenshotsDir: string,
): Scenario[] {
  return [
    {
      name: 'US1-1: a workflow with 3 orders in the past day shows 3 rows with time, price, quantity and direction',
      async run(page) {
        const seeded = DEMO_HISTORY['fra40-breakout'];
        const rows = await ordersOf(page, 'fra40-breakout', 3);
        seeded.forEach((order, i) => {
          for (const text of [
            number(order.price),
            number(order.quantity),
            order.direction,
          ]) {
            check(
              rows[i].includes(text),
              `row ${i + 1} "${rows[i]}" does not show ${text}`,
            );
          }
          check(
            /(minute|hour)s? ago/.test(rows[i]),
            `row ${i + 1} "${rows[i]}" shows no time`,
          );
        });
        await page.screenshot({ path: join(screenshotsDir, 'orders-tab.png') });
      },
    },
    {
      name: 'US1-2: a workflow with no orders in 7 days shows the empty text',
      async run(page) {
        await page.goto(entityUrl('spx-momentum', '/orders'));
        await page.getByText('No orders placed in the last 7 days').waitFor();
        check(
          (await page.locator('tbody tr').count()) === 0,
          'the empty workflow shows order rows',
        );
      },
    },
    {
      name: 'US1-3: rows are newest first',
      async run(page) {
        await ordersOf(page, 'fra40-breakout', 3);
        const times = await rowTimes(page);
        check(
          times.length === 3 && isNewestFirst(times),
          `rows are not newest first: ${times}`,
        );
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
        check(
          !/Last order|No orders yet/.test(router),
          `order-router, not a workflow, reads "${router}"`,
        );
        await page.screenshot({
          path: join(screenshotsDir, 'workflows-list.png'),
        });
      },
    },
    {
      name: 'the Last order card shows the last order and the 7-day count on the overview',
      async run(page) {
        const [last] = DEMO_HISTORY['fra40-breakout'];
        await page.goto(entityUrl('fra40-breakout'));
        const card = page
          .locator('[class*="MuiCard-root"]')
          .filter({ hasText: 'in the last 7 days' });
        await card.getByText(`${last.code} @ ${number(last.price)}`).waitFor();
        const text = await card.innerText();
        check(
          /Last order: \d+ minutes? ago/.test(text),
          `the card reads "${text}"`,
        );
        check(
          text.includes('3 orders in the last 7 days'),
          `the card reads "${text}"`,
        );
        await card.screenshot({
          path: join(screenshotsDir, 'last-order-card.png'),
        });
      },
    },
    {
      name: 'an order older than 7 days never appears',
      async run(page) {
        await page.goto(entityUrl('gold-trend-follower', '/orders'));
        await page.getByText('No orders placed in the last 7 days').waitFor();
        const dax = inWindow('dax-mean-reversion');
        check(
          dax.length < DEMO_HISTORY['dax-mean-reversion'].length,
          'the demo history has no expired DAX order',
        );
        await ordersOf(page, 'dax-mean-reversion', dax.length);
        await page
          .getByText(`${dax.length} orders in the last 7 days`)
          .waitFor();
        await page.goto(`${portal.appUrl}/catalog`);
        await eventually(
          'gold-trend-follower reading "No orders yet"',
          async () =>
            (await rowOf(page, 'gold-trend-follower').innerText()).includes(
              'No orders yet',
            ),
        );
      },
    },
    {
      name: 'an entity without the annotation has no Orders tab and no Last order card',
      async run(page) {
        const tabs = page.getByRole('navigation', {
          name: 'Content navigation',
        });
        await page.goto(entityUrl('order-router'));
        await page.getByRole('heading', { name: 'About' }).waitFor();
        await tabs.getByRole('link', { name: 'Overview' }).waitFor();
        check(
          (await tabs.getByRole('link', { name: 'Orders' }).count()) === 0,
          'order-router, not a workflow, has an Orders tab',
        );
        check(
          (await page.getByText('Last order', { exact: true }).count()) === 0,
          'order-router, not a workflow, has a Last order card',
        );
        // The same page of a workflow has both.
        await page.goto(entityUrl('fra40-breakout'));
        await tabs.getByRole('link', { name: 'Orders' }).waitFor();
        await page.getByText('Last order', { exact: true }).waitFor();
      },
    },
  ];
}
