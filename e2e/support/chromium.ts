/*
 * The browser both Playwright configs launch: the portal's browser tests (playwright.config.ts) and
 * the adoption test (adoption/playwright.config.ts).
 */
import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium, or the one `CHROMIUM_PATH` names; browsers are never downloaded here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium at {@link CHROMIUM_PATH}, without sandbox, GPU or background traffic. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
