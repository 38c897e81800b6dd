import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let session:
  { browser: Browser; context: BrowserContext; appUrl: string } | undefined;

/** Closes the browser of the current app, if any. */
export async function closeBrowser(): Promise<void> {
  const current = session;
  session = undefined;
  await current?.browser.close().catch(() => undefined);
}

/** Signs in as guest once per app; pages share the session. */
async function signedIn(appUrl: string): Promise<BrowserContext> {
  if (session?.appUrl === appUrl) return session.context;
  await closeBrowser();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
  });
  context.setDefaultTimeout(30_000);
  session = { browser, context, appUrl };
  const page = await context.newPage();
  await page.goto(appUrl);
  const enter = page.getByRole('button', { name: 'Enter' });
  const table = page.getByRole('table');
  await enter.or(table).first().waitFor({ timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await table.first().waitFor({ timeout: 60_000 });
  }
  await page.close();
  return context;
}

/** Options of {@link checkInBrowser}. */
export interface BrowserCheck {
  readonly appUrl: string;
  readonly kind: 'new' | 'legacy';
  readonly view:
    | 'orders-tab'
    | 'last-order-card'
    | 'catalog-column'
    | 'workflow-orders-page';
  readonly entityName: string;
  readonly orderCode: string;
  readonly screenshot: string;
}

async function withPage<T>(
  appUrl: string,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await signedIn(appUrl);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(error.message));
  try {
    return await work(page);
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split('\n')[0] : String(error);
    const text = (
      await page
        .locator('main, body')
        .first()
        .innerText()
        .catch(() => '')
    )
      .replace(/\s+/g, ' ')
      .slice(0, 400);
    throw new Error(
      `${message}\n  at ${page.url()}\n  page text: ${text}${errors.length ? `\n  page errors: ${errors.slice(0, 3).join(' | ')}` : ''}`,
    );
  } finally {
    await page.close();
  }
}

/** Opens one view of the app and checks that it shows the recorded order; takes a screenshot. */
export async function checkInBrowser(check: BrowserCheck): Promise<void> {
  mkdirSync(dirname(check.screenshot), { recursive: true });
  const entityUrl = `${check.appUrl}/catalog/default/component/${check.entityName}`;
  await withPage(check.appUrl, async page => {
    if (check.view === 'orders-tab') {
      await page.goto(`${entityUrl}/orders`);
      const row = page
        .locator('table tbody tr', { hasText: check.orderCode })
        .first();
      await row.waitFor();
    } else if (check.view === 'last-order-card') {
      await page.goto(entityUrl);
      const card = page
        .locator('article, .MuiCard-root, [class*="Card"]')
        .filter({ hasText: 'Last order' })
        .filter({ hasText: check.orderCode })
        .last();
      await card.waitFor();
      await card.scrollIntoViewIfNeeded();
    } else if (check.view === 'workflow-orders-page') {
      await page.goto(`${check.appUrl}/workflow-orders`);
      const row = page
        .locator('table tbody tr', { hasText: check.orderCode })
        .first();
      await row.waitFor();
    } else {
      // The new frontend system app of create-app serves the catalog at `/`.
      const catalogPath = check.kind === 'new' ? '/' : '/catalog';
      await page.goto(
        `${check.appUrl}${catalogPath}?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
      );
      await page.getByRole('columnheader', { name: 'Last order' }).waitFor();
      const row = page.locator('table tbody tr', { hasText: check.entityName });
      // The one-line cell: how long ago, then the order's direction.
      await row
        .filter({ hasText: /(now|ago)\s*(BUY|SELL)/ })
        .first()
        .waitFor();
    }
    await page.waitForTimeout(500);
    await page.screenshot({ path: check.screenshot });
  });
}
