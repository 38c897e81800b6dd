import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, or the one `CHROMIUM_PATH` names; browsers are never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One browser scenario. */
export interface Scenario {
  readonly name: string;
  /** Longest the scenario may take. @default 60000 */
  readonly timeoutMs?: number;
  run(page: Page): Promise<void>;
}

/** Launches headless Chromium and signs in to the portal once as guest; pages share the session. */
export async function openSignedInContext(
  appUrl: string,
): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByText('All components')
    .or(page.getByRole('table'))
    .first()
    .waitFor();
  await page.close();
  return { browser, context };
}

/**
 * Polls `probe` until it returns something other than `undefined` or `false`, or throws after
 * `timeoutMs` naming what it waited for and what it saw last.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(
        `Timed out after ${timeoutMs / 1000} s waiting for ${what} (last seen: ${seen})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Throws `message` when `condition` is false. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The visible texts of the rows of the first table in `scope`. */
export async function rowTexts(scope: Page | Locator): Promise<string[]> {
  return scope.locator('table').first().locator('tbody tr').allInnerTexts();
}

/** The `datetime` of every `<time>` in the rows of the first table in `scope`, in row order. */
export async function rowTimes(scope: Page | Locator): Promise<string[]> {
  return scope
    .locator('table')
    .first()
    .locator('tbody tr time')
    .evaluateAll(nodes =>
      nodes.map(node => node.getAttribute('datetime') ?? ''),
    );
}

/** Runs `work`, failing it when it takes longer than `timeoutMs`. */
export async function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
