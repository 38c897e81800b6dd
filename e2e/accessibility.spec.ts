import type { Page } from '@playwright/test';
import {
  expect,
  lastOrderCard,
  orderRows,
  screenshot,
  signedInAs,
  signedOut,
  test,
  useThemeMode,
} from './fixtures';
import { expectNoSeriousA11yViolations } from './support/axe';

// Every screen of the plugin passes an axe-core check with no serious or critical violation, in the
// light and the dark theme, and works from the keyboard. Each check also takes the screen's
// screenshot for the README, as Olivia of operations, who sees every workflow.

const WORKFLOW = 'fra40-breakout';

/** Waits until the catalog's rows show their last order. */
async function openWorkflowsList(page: Page) {
  await page.goto('/catalog');
  await expect(page.locator('tbody tr time').first()).toBeVisible();
}

for (const mode of ['light', 'dark'] as const) {
  test.describe(`in the ${mode} theme`, () => {
    test.beforeEach(async ({ page }) => useThemeMode(page, mode));

    test(`the workflows list with the Last order column passes axe (${mode})`, async ({
      page,
    }) => {
      await openWorkflowsList(page);
      await expect(page.locator('body')).toHaveAttribute(
        'data-theme-mode',
        mode,
      );

      await expectNoSeriousA11yViolations(page, `workflows-list-${mode}`, {
        exclude: ['thead'],
        excludeReason:
          "The catalog table's own column headers (Backstage core-components Table with draggable columns) nest a drag handle in the sort button and have small targets; the Last order cells are checked.",
      });
      await page.screenshot({
        path: screenshot(`workflows-list-${mode}.png`),
      });
    });

    test(`the entity overview with the Last order card passes axe (${mode})`, async ({
      page,
      entityUrl,
    }) => {
      await page.goto(entityUrl(WORKFLOW));
      await expect(lastOrderCard(page)).toContainText('in the last 7 days');

      await expectNoSeriousA11yViolations(page, `entity-overview-${mode}`);
      await lastOrderCard(page).screenshot({
        path: screenshot(`last-order-card-${mode}.png`),
      });
    });

    test(`the Orders tab passes axe (${mode})`, async ({ page, entityUrl }) => {
      await page.goto(entityUrl(WORKFLOW, '/orders'));
      await expect(orderRows(page).first()).toBeVisible();

      await expectNoSeriousA11yViolations(page, `orders-tab-${mode}`);
      await page.screenshot({ path: screenshot(`orders-tab-${mode}.png`) });
    });

    test(`the order detail passes axe (${mode})`, async ({
      page,
      entityUrl,
    }) => {
      await page.goto(entityUrl(WORKFLOW, '/orders'));
      await orderRows(page).first().click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('Execution context');
      await expect(dialog).not.toContainText('…');

      await expectNoSeriousA11yViolations(page, `order-detail-${mode}`);
      await dialog.screenshot({
        path: screenshot(`order-detail-${mode}.png`),
      });
    });
  });
}

test.describe('signed out', () => {
  test.use(signedOut);

  for (const mode of ['light', 'dark'] as const) {
    test(`the sign-in page passes axe (${mode})`, async ({ page }) => {
      await useThemeMode(page, mode);
      await page.goto('/');
      await expect(page.getByRole('button', { name: /Olivia/ })).toBeVisible();

      await expectNoSeriousA11yViolations(page, `sign-in-${mode}`);
    });
  }
});

test('from the keyboard: tab to the Orders tab, filter, open a row with Enter, close with Escape', async ({
  page,
  entityUrl,
}) => {
  await page.goto(entityUrl(WORKFLOW));
  await expect(lastOrderCard(page)).toContainText('in the last 7 days');

  // Tab to the Orders tab of the entity page and open it.
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Orders' });
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await tab.evaluate(node => node === document.activeElement)) break;
  }
  await expect(tab).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/orders$/);
  await expect(orderRows(page).first()).toBeVisible();

  // Pick "Sell" in the Direction select.
  const direction = page.getByRole('button', { name: /Direction/ });
  await direction.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/direction=sell/);
  await expect(page.getByText(/\d+ orders? match/)).toBeVisible();
  await expect(orderRows(page).first()).toContainText('SELL');

  // Into the table, onto the first row, and open it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 10; i++) {
    const focusedRow = await page.evaluate(
      () => document.activeElement?.closest('tbody tr') !== null,
    );
    if (focusedRow) break;
    await page.keyboard.press(i < 5 ? 'Tab' : 'ArrowDown');
  }
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('SELL');

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test.describe('as a desk without access', () => {
  test.use(signedInAs('tara'));

  test('the no-permission states of the tab and the card pass axe', async ({
    page,
    entityUrl,
  }) => {
    await page.goto(entityUrl('dax-mean-reversion'));
    await expect(lastOrderCard(page)).toContainText(
      "You don't have permission",
    );
    await expectNoSeriousA11yViolations(page, 'entity-overview-no-permission');

    await page.goto(entityUrl('dax-mean-reversion', '/orders'));
    await expect(page.getByText("You don't have permission")).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'orders-tab-no-permission');
  });
});
