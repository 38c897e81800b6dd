import type { Locator, Page } from '@playwright/test';
import {
  expect,
  isNewestFirst,
  orderRows,
  rowTimes,
  screenshot,
  signedInAs,
  test,
} from './fixtures';
import { RETIRED_WORKFLOW } from '@workflow-orders/local-portal';
import { expectNoSeriousA11yViolations } from './support/axe';

// The Workflow orders page: the latest order of every workflow the user may see, on one page. As
// Olivia of operations, who sees every workflow, unless a scenario is about a desk.

const PAGE_URL = '/workflow-orders';
const QUANT_RESEARCH = 'group:default/quant-research';

/** The workflow cell of each row, top to bottom. */
const workflowNames = (page: Page): Promise<string[]> =>
  orderRows(page).locator('[role="rowheader"]').allInnerTexts();

/** The row of the workflow titled `title`. */
const rowOf = (page: Page, title: string): Locator =>
  orderRows(page).filter({
    has: page.getByRole('rowheader').filter({ hasText: title }),
  });

/** Picks `option` in the Backstage UI select labelled `label`. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(label) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Waits until the page shows its rows (not the skeleton), and says which workflows they are. */
async function shownWorkflows(page: Page): Promise<string[]> {
  await expect(orderRows(page).locator('time').first()).toBeVisible();
  return workflowNames(page);
}

test('sidebar → page → filter by direction and owner → row → detail → the Orders tab; the URL keeps the filters', async ({
  page,
}) => {
  // The page is in the sidebar.
  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Workflow orders' }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE_URL}$`));
  await expect(
    page.getByRole('heading', { name: 'Workflow orders' }),
  ).toBeVisible();

  // One row per workflow, newest first.
  const all = await shownWorkflows(page);
  expect(all).toEqual(expect.arrayContaining(['FRA40 breakout']));
  expect(new Set(all).size, `one row per workflow: ${all}`).toBe(all.length);
  expect(isNewestFirst(await rowTimes(page))).toBe(true);

  // Sell orders of the workflows quant research owns.
  await pick(page, 'Direction', 'Sell');
  await expect(page).toHaveURL(/direction=sell/);
  await pick(page, 'Owner', 'Quant research');
  await expect(page).toHaveURL(
    new RegExp(`owner=${encodeURIComponent(QUANT_RESEARCH)}`),
  );
  const dax = rowOf(page, 'DAX mean reversion');
  await expect(dax).toBeVisible();
  await expect(rowOf(page, 'FRA40 breakout')).toHaveCount(0);
  for (const row of await orderRows(page).all()) {
    await expect(row).toContainText('SELL');
  }

  // A reload, or a shared link, shows the same view.
  await page.reload();
  await expect(dax).toBeVisible();
  await expect(page.getByRole('button', { name: /Direction/ })).toContainText(
    'Sell',
  );
  await expect(page.getByRole('button', { name: /Owner/ })).toContainText(
    'Quant research',
  );
  await expect(rowOf(page, 'FRA40 breakout')).toHaveCount(0);

  // The row opens the order's detail, which leads to the workflow's Orders tab.
  await dax.getByText('GER40.I').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('SELL 2 GER40.I');
  await dialog
    .getByRole('link', { name: 'All orders of this workflow' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/dax-mean-reversion\/orders$/,
  );
  await expect(orderRows(page)).toHaveCount(2);

  // Back returns to the filtered page.
  await page.goBack();
  await expect(page).toHaveURL(/direction=sell/);
  await expect(dax).toBeVisible();
});

test('the back button undoes a filter, and clearing the filters shows every workflow again', async ({
  page,
}) => {
  await page.goto(`${PAGE_URL}?direction=SELL&code=NOPE`);
  await expect(
    page.getByText("No workflow's last order matches these filters"),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE_URL}$`));
  await expect(rowOf(page, 'FRA40 breakout')).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/code=NOPE/);
  await expect(
    page.getByText("No workflow's last order matches these filters"),
  ).toBeVisible();
});

test('times read relative, with the exact time in the reader’s zone and in UTC on hover; a row opens by keyboard', async ({
  page,
}) => {
  await page.goto(PAGE_URL);
  const fra40 = rowOf(page, 'FRA40 breakout');
  await expect(fra40).toContainText(/\d+ minutes? ago/);

  // The pointer travels to the time, as a person's does, rather than appearing on it.
  await page.getByRole('heading', { name: 'Workflow orders' }).hover();
  await fra40.getByRole('button', { name: /ago/ }).hover();
  await expect(page.getByRole('tooltip')).toContainText('UTC');

  await fra40.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('FRA40.I');
});

test('a workflow deleted from the catalog is still listed, by its stored name, marked as not in the catalog', async ({
  page,
}) => {
  await page.goto(PAGE_URL);

  const retired = rowOf(page, RETIRED_WORKFLOW.title);
  await expect(retired).toBeVisible();
  await expect(retired).toContainText('Not in the catalog');
  await expect(retired.getByRole('link')).toHaveCount(0);

  await retired.getByText('FGBL').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('SELL 3 FGBL');
  await expect(
    dialog.getByRole('link', { name: 'All orders of this workflow' }),
  ).toHaveCount(0);
});

test('the page passes an axe-core check, and looks right in light and dark', async ({
  page,
}) => {
  await page.goto(PAGE_URL);
  await expect(rowOf(page, 'FRA40 breakout')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'workflow-orders-page');
  await page.screenshot({
    path: screenshot('workflow-orders-page-light.png'),
  });

  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.reload();
  await expect(rowOf(page, 'FRA40 breakout')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'workflow-orders-page-dark');
  await page.screenshot({ path: screenshot('workflow-orders-page-dark.png') });
  await page.evaluate(() => window.localStorage.removeItem('theme'));
});

test.describe('as Tara of the trading desk', () => {
  test.use(signedInAs('tara'));

  test('shows only the workflows her desk owns', async ({ page }) => {
    await page.goto(PAGE_URL);

    const shown = await shownWorkflows(page);
    expect(shown).toEqual(expect.arrayContaining(['FRA40 breakout']));
    for (const other of [
      'DAX mean reversion',
      'BTC range trader',
      'CAC pairs (legacy)',
    ]) {
      expect(shown, `${other} belongs to quant research`).not.toContain(other);
    }
    expect(shown, 'no entity carries the retired workflow').not.toContain(
      RETIRED_WORKFLOW.title,
    );
  });
});
