/*
 * The adopted app running: its backend started as `yarn start` starts it, its built bundle served
 * statically, and what a person sees in the browser: the Orders tab, the Last order card, the Last
 * order column of the catalog and the Workflow orders page, each showing the order the engine
 * recorded (with a screenshot for the docs).
 */
import { join } from 'node:path';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import {
  startService,
  waitForUrl,
  type Service,
} from '@workflow-orders/local-portal';
import {
  serveDirectory,
  type ServedDirectory,
} from '@workflow-orders/test-utils';
import { CONFIG_ARGS } from './apps';
import {
  API_TOKEN,
  appDir,
  commandEnv,
  type Kind,
  logFile,
  PORTS,
  SCREENSHOTS,
  systemOf,
  WORKFLOW,
} from './settings';

/** The views of our plugins the browser checks. */
export const VIEWS = [
  'orders-tab',
  'last-order-card',
  'catalog-column',
  'workflow-orders-page',
] as const;

/** One of {@link VIEWS}. */
export type View = (typeof VIEWS)[number];

/**
 * Starts the app's backend (`yarn build:backend` makes the Docker bundle; locally a create-app backend
 * runs through `backstage-cli package start`, as `yarn start` does) and waits until our plugin's
 * health route answers and the catalog lists the app's workflow.
 */
export async function startBackend(kind: Kind): Promise<Service> {
  const base = `http://localhost:${PORTS[kind].backend}`;
  const backend = startService({
    name: `${kind}-backend`,
    command: 'yarn',
    args: ['start', ...CONFIG_ARGS],
    cwd: join(appDir(kind), 'packages', 'backend'),
    env: { ...commandEnv(), NODE_ENV: 'development', LOG_LEVEL: 'info' },
    extendEnv: false,
    output: { kind: 'file', path: logFile(`${kind}-backend`) },
  });
  try {
    await waitForUrl(`${base}/api/workflow-orders/health`, {
      timeoutMs: 120_000,
      service: backend,
      ready: response => response.ok,
    });
    await waitForUrl(
      `${base}/api/catalog/entities/by-name/component/default/${WORKFLOW[kind].name}`,
      {
        timeoutMs: 90_000,
        service: backend,
        headers: { authorization: `Bearer ${API_TOKEN}` },
        ready: response => response.ok,
      },
    );
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : error} (log: ${logFile(`${kind}-backend`)})`,
    );
  }
  return backend;
}

/** Serves the built app on its own port, every unknown path answering with index.html. */
export function serveApp(kind: Kind): Promise<ServedDirectory> {
  return serveDirectory(join(appDir(kind), 'packages', 'app', 'dist'), {
    port: PORTS[kind].app,
  });
}

/** A browser context signed in as guest in the app of `kind`; the checks share it. */
export async function signIn(
  browser: Browser,
  kind: Kind,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: `http://localhost:${PORTS[kind].app}`,
    viewport: { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const table = page.getByRole('table').first();
  await expect(enter.or(table).first()).toBeVisible({ timeout: 60_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await expect(table).toBeVisible({ timeout: 60_000 });
  }
  await page.close();
  return context;
}

async function opensWithOrder(page: Page, kind: Kind, view: View) {
  const { name, code } = WORKFLOW[kind];
  const entityPath = `/catalog/default/component/${name}`;
  if (view === 'orders-tab' || view === 'workflow-orders-page') {
    await page.goto(
      view === 'orders-tab' ? `${entityPath}/orders` : '/workflow-orders',
    );
    await expect(
      page.locator('table tbody tr', { hasText: code }).first(),
    ).toBeVisible();
  } else if (view === 'last-order-card') {
    await page.goto(entityPath);
    const card = page
      .locator('article, .MuiCard-root, [class*="Card"]')
      .filter({ hasText: 'Last order' })
      .filter({ hasText: code })
      .last();
    await expect(card).toBeVisible();
    await card.scrollIntoViewIfNeeded();
  } else {
    // The new frontend system app of create-app serves the catalog at `/`.
    const catalogPath = systemOf(kind) === 'new' ? '/' : '/catalog';
    await page.goto(
      `${catalogPath}?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
    );
    await expect(
      page.getByRole('columnheader', { name: 'Last order' }),
    ).toBeVisible();
    // The one-line cell: how long ago, then the order's direction.
    await expect(
      page
        .locator('table tbody tr', { hasText: name })
        .filter({ hasText: /(now|ago)\s*(BUY|SELL)/ })
        .first(),
    ).toBeVisible();
  }
}

/**
 * Opens one view of the app and expects it to show the recorded order, then keeps a screenshot of it
 * for the docs; on failure the page's text and errors are attached to the test.
 */
export async function checkView(
  context: BrowserContext,
  kind: Kind,
  view: View,
): Promise<void> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(error.message));
  try {
    await opensWithOrder(page, kind, view);
    await page.waitForTimeout(500);
    await page.screenshot({
      path: join(SCREENSHOTS, `adoption-${kind}-${view}.png`),
    });
  } catch (error) {
    const text = await page
      .locator('main, body')
      .first()
      .innerText()
      .catch(() => '');
    await test.info().attach('page', {
      body: `${page.url()}\n\n${text}\n\npage errors:\n${errors.join('\n')}`,
      contentType: 'text/plain',
    });
    await test.info().attach('screenshot', {
      body: await page.screenshot().catch(() => Buffer.from('')),
      contentType: 'image/png',
    });
    throw error;
  } finally {
    await page.close();
  }
}
