import { test as setup } from '@playwright/test';
import {
  IDENTITIES,
  signInOnPage,
  storageStateOf,
  type Identity,
} from './fixtures';

// Signs in once as each person of the demo catalog, as a newcomer does on the sign-in page; the
// scenarios reuse the session of the identity they are about, as a user keeps theirs between pages.
for (const identity of Object.keys(IDENTITIES) as Identity[]) {
  setup(`sign in as ${identity}`, async ({ page }) => {
    await page.goto('/');
    await signInOnPage(page, identity);
    await page.context().storageState({ path: storageStateOf(identity) });
  });
}
