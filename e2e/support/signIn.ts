import { expect, type Page } from '@playwright/test';
import {
  DEMO_USER_HEADER,
  IDENTITIES,
  storageStateOf,
  type Identity,
} from '../identities';

/** The browser of a scenario signed in as `identity`: the session the setup project kept. */
export const signedInAs = (identity: Identity) => ({
  storageState: storageStateOf(identity),
});

/** The browser of a scenario that nobody has signed in to yet. */
export const signedOut = { storageState: { cookies: [], origins: [] } };

/** Picks `identity` on the sign-in page that is open, as a person does, and waits for the catalog. */
export async function signInOnPage(page: Page, identity: Identity) {
  await page.getByRole('button', { name: IDENTITIES[identity].button }).click();
  await expect(
    page.getByRole('heading', { name: /Catalog/ }).first(),
  ).toBeVisible();
}

/**
 * Asks the portal's demo sign-in for a session, as the app does on sign-in, with `headers` (the
 * demo user header names who to sign in as).
 */
export const demoSignIn = (
  backendUrl: string,
  headers: Record<string, string>,
) =>
  fetch(`${backendUrl}/api/auth/demo/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest', ...headers },
  });

/** The Backstage token of `identity`, as the app gets it when it signs in. */
export async function tokenOf(backendUrl: string, identity: Identity) {
  const res = await demoSignIn(backendUrl, { [DEMO_USER_HEADER]: identity });
  expect(res.status, `sign-in as ${identity}`).toBe(200);
  const session = (await res.json()) as {
    backstageIdentity: { token: string };
  };
  return session.backstageIdentity.token;
}
