import { quickstartItem } from '@workflow-orders/test-utils';
import { demoWorkflow, LIVE_WORKFLOWS } from '@workflow-orders/local-portal';
import { expect, isNewestFirst, orderRows, rowTimes, test } from './fixtures';

// A running portal, as Olivia of operations (the project's default identity: she sees the orders of
// every workflow): scripts with the API token, an order written by hand, a live engine, and
// DynamoDB going away and coming back.

test('scripts read the API with the static token; a request without it gets 401', async ({
  portal,
  workflows,
  api,
}) => {
  const { workflowId } = demoWorkflow(workflows, 'fra40-breakout');
  const path = `/workflows/${workflowId}/orders`;

  const withToken = await api(portal.apiToken, path);
  const without = await fetch(
    `${portal.backendUrl}/api/workflow-orders${path}`,
  );

  expect(withToken.status).toBe(200);
  expect(
    ((await withToken.json()) as { orders: unknown[] }).orders,
  ).toHaveLength(3);
  expect(without.status).toBe(401);
});

test("the quickstart's AWS CLI put-item of a test order appears on Test Workflow, in the list and on the Workflow orders page", async ({
  page,
  ordersOf,
  rowOf,
  putOrderByHand,
}) => {
  await putOrderByHand(
    quickstartItem({
      workflowId: '550e8400-e29b-41d4-a716-446655440000',
      placedAt: Math.floor(Date.now() / 1000),
    }),
  );

  const [row] = await ordersOf('test-workflow', 1);
  expect(row).toContain('FRA40.I');
  expect(row).toContain('7,850.25');
  await page.goto('/catalog');
  await expect(rowOf('test-workflow')).toContainText(/now|1m ago/);
  await page.goto('/workflow-orders');
  const shown = orderRows(page).filter({ hasText: 'Test Workflow' });
  await expect(shown).toContainText('7,850.25');
  await expect(shown).toContainText('FRA40.I');
});

test('an order placed by the demo engine while the page is open appears after the refresh interval', async ({
  page,
  entityUrl,
}) => {
  test.setTimeout(150_000);
  const name = LIVE_WORKFLOWS[0].name;
  await page.goto(entityUrl(name, '/orders'));
  await expect(orderRows(page).first()).toBeVisible();
  const [newestAtLoad] = await rowTimes(page);

  // The tab refreshes once a minute; the demo engine places an order every few seconds.
  await expect
    .poll(async () => Date.parse((await rowTimes(page))[0]), {
      message: 'a newer order without reloading the page',
      timeout: 130_000,
      intervals: [1_000],
    })
    .toBeGreaterThan(Date.parse(newestAtLoad));
  expect(isNewestFirst(await rowTimes(page))).toBe(true);
});

test('with DynamoDB stopped the tab shows an error, not "no orders", and recovers when it restarts', async ({
  page,
  entityUrl,
  dynamodb,
}) => {
  test.setTimeout(90_000);
  await dynamodb.stop();
  try {
    await page.goto(entityUrl('fra40-breakout', '/orders'));
    await expect(page.getByText('Could not load the orders')).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('No orders placed')).toHaveCount(0);
  } finally {
    await dynamodb.start();
  }

  await page.getByRole('button', { name: 'Retry' }).click();

  await expect(orderRows(page)).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByText('Could not load the orders')).toHaveCount(0);
});

test("an order of the original engine's first release, which stored no workflow name, shows on its workflow and in the list", async ({
  page,
  ordersOf,
  rowOf,
  workflows,
}) => {
  const { workflowId } = demoWorkflow(workflows, 'cac-pairs-legacy');

  const [row] = await ordersOf('cac-pairs-legacy', 1);
  expect(row).toContain('BNP.PA');
  expect(row).toContain('61.32');
  await orderRows(page).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`CAC pairs (legacy) (${workflowId})`);
  await expect(dialog).toContainText('BUY');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toHaveCount(0);

  await page.goto('/catalog');
  await expect(rowOf('cac-pairs-legacy')).toContainText('6d ago');
});
