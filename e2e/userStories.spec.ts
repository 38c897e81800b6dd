import { DEMO_HISTORY } from '@workflow-orders/local-portal';
import {
  expect,
  inWindow,
  LAST_ORDER_CELL,
  lastOrderCard,
  isNewestFirst,
  number,
  orderRows,
  rowTimes,
  screenshot,
  test,
} from './fixtures';

// The acceptance scenarios of the user stories, as a user sees them in the portal: as Olivia of
// operations (the project's default identity), since they span the workflows of both desks.

test('US1-1: a workflow with 3 orders in the past day shows 3 rows with time, price, quantity and direction', async ({
  page,
  ordersOf,
}) => {
  const rows = await ordersOf('fra40-breakout', 3);

  DEMO_HISTORY['fra40-breakout'].forEach((order, i) => {
    expect(rows[i]).toContain(number(order.price));
    expect(rows[i]).toContain(number(order.quantity));
    expect(rows[i]).toContain(order.direction);
    expect(rows[i]).toMatch(/(minute|hour)s? ago/);
  });
  await page.screenshot({ path: screenshot('orders-tab.png') });
});

test('US1-2: a workflow with no orders in 7 days shows the empty text', async ({
  page,
  entityUrl,
}) => {
  await page.goto(entityUrl('spx-momentum', '/orders'));

  await expect(
    page.getByText('No orders placed in the last 7 days'),
  ).toBeVisible();
  await expect(orderRows(page)).toHaveCount(0);
});

test('US1-3: rows are newest first', async ({ page, ordersOf }) => {
  await ordersOf('fra40-breakout', 3);

  const times = await rowTimes(page);
  expect(times).toHaveLength(3);
  expect(isNewestFirst(times), `rows in order ${times}`).toBe(true);
});

test('US2-1..3: the workflows list shows the last order time, "2d ago" and "No orders yet", each on one line', async ({
  page,
  rowOf,
}) => {
  await page.goto('/catalog');

  await expect(rowOf('fra40-breakout')).toContainText(/\d+m ago/);
  await expect(rowOf('dax-mean-reversion')).toContainText('2d ago');
  await expect(rowOf('spx-momentum')).toContainText('No orders yet');
  // order-router is no workflow: its cell stays empty.
  await expect(rowOf('order-router')).toBeVisible();
  await expect(rowOf('order-router')).not.toContainText(LAST_ORDER_CELL);
  await expect(rowOf('order-router')).not.toContainText('No orders yet');
  // At the catalog's default width the cell (time and tag) is one line high.
  const cell = rowOf('fra40-breakout').getByRole('button', {
    name: /\d+m ago (BUY|SELL)/,
  });
  const { height } = (await cell.boundingBox())!;
  expect(height).toBeLessThan(32);
  await page.screenshot({ path: screenshot('workflows-list.png') });
});

test("the last-order cell shows the exact time in the reader's zone and in UTC, price and quantity on hover and focus", async ({
  page,
  rowOf,
}) => {
  const [last] = DEMO_HISTORY['fra40-breakout'];
  await page.goto('/catalog');
  const cell = rowOf('fra40-breakout').getByRole('button', {
    name: /\d+m ago/,
  });

  // The pointer comes from the cell's left, as a user's does: Backstage UI shows a tooltip on hover
  // once the pointer has moved over the page.
  const box = (await cell.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x - 60, y, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, y, { steps: 4 });
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await expect(tooltip).toContainText(
    `Price ${number(last.price)} · Quantity ${number(last.quantity)}`,
  );
  await page.mouse.move(0, 0);
  await expect(tooltip).toHaveCount(0);

  await cell.focus();
  await expect(page.getByRole('tooltip')).toContainText(last.code);
});

test('the workflows list sorts by last order', async ({ page }) => {
  await page.goto('/catalog');
  await expect(page.locator('tbody tr').first()).toContainText(/[a-z]/);
  const header = page.getByRole('columnheader', { name: 'Last order' });
  const times = () =>
    page
      .locator('tbody tr time')
      .evaluateAll(nodes =>
        nodes.map(node => Date.parse(node.getAttribute('datetime') ?? '')),
      );
  await expect.poll(async () => (await times()).length).toBeGreaterThan(3);

  await header.getByRole('button').first().click();
  await expect
    .poll(async () => {
      const shown = await times();
      return shown.every((t, i) => i === 0 || shown[i - 1] <= t);
    })
    .toBe(true);

  await header.getByRole('button').first().click();
  await expect
    .poll(async () => {
      const shown = await times();
      return shown.every((t, i) => i === 0 || shown[i - 1] >= t);
    })
    .toBe(true);
});

test('the Last order card shows the last order and the 7-day count on the overview', async ({
  page,
  entityUrl,
}) => {
  const [last] = DEMO_HISTORY['fra40-breakout'];

  await page.goto(entityUrl('fra40-breakout'));

  const card = lastOrderCard(page);
  await expect(
    card.getByText(`${last.code} @ ${number(last.price)}`),
  ).toBeVisible();
  await expect(card).toContainText(/Last order: \d+ minutes? ago/);
  await expect(card).toContainText('3 orders in the last 7 days');
  await card.screenshot({ path: screenshot('last-order-card.png') });
});

test('an order older than 7 days never appears', async ({
  page,
  entityUrl,
  ordersOf,
  rowOf,
}) => {
  const dax = inWindow('dax-mean-reversion');
  expect(dax.length).toBeLessThan(DEMO_HISTORY['dax-mean-reversion'].length);

  await page.goto(entityUrl('gold-trend-follower', '/orders'));
  await expect(
    page.getByText('No orders placed in the last 7 days'),
  ).toBeVisible();
  await ordersOf('dax-mean-reversion', dax.length);
  await expect(
    page.getByText(`${dax.length} orders in the last 7 days`),
  ).toBeVisible();
  await page.goto('/catalog');
  await expect(rowOf('gold-trend-follower')).toContainText('No orders yet');
});

test('an entity without the annotation has no Orders tab and no Last order card', async ({
  page,
  entityUrl,
}) => {
  const tabs = page.getByRole('navigation', { name: 'Content navigation' });

  await page.goto(entityUrl('order-router'));
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Orders' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Last order' })).toHaveCount(
    0,
  );

  // The same page of a workflow has both.
  await page.goto(entityUrl('fra40-breakout'));
  await expect(tabs.getByRole('link', { name: 'Orders' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Last order' })).toBeVisible();
});

test("the Orders tab's sort and filters live in the URL: a reload keeps them and the back button returns", async ({
  page,
  entityUrl,
}) => {
  const all = inWindow('dax-mean-reversion');
  const sells = all.filter(order => order.direction === 'SELL');
  await page.goto(entityUrl('dax-mean-reversion', '/orders'));
  await expect(
    page.getByText(`${all.length} orders in the last 7 days`),
  ).toBeVisible();

  await page.getByRole('button', { name: /Direction/ }).click();
  await page.getByRole('option', { name: 'Sell', exact: true }).click();
  await expect(page).toHaveURL(/\?direction=sell$/);
  const matching = `${sells.length} ${sells.length === 1 ? 'order matches' : 'orders match'}`;
  await expect(page.getByText(matching)).toBeVisible();
  await expect(orderRows(page)).toHaveCount(sells.length);

  await page.reload();
  await expect(page.getByText(matching)).toBeVisible();
  await expect(page.getByRole('button', { name: /Direction/ })).toContainText(
    'Sell',
  );

  await page.goBack();
  await expect(page).not.toHaveURL(/direction=/);
  await expect(
    page.getByText(`${all.length} orders in the last 7 days`),
  ).toBeVisible();
});
