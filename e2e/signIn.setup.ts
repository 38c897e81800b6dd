import { expect, test as setup } from '@playwright/test';

// Signs in once as guest; the scenarios reuse the session, as a user keeps theirs between pages.
setup('sign in as guest', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: /Catalog/ }).first(),
  ).toBeVisible();
  await page.context().storageState({ path: 'test-results/e2e-guest.json' });
});
