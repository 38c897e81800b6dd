import { serveDirectory } from '@workflow-orders/test-utils';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { mockPortal } from './mockPortal';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The page is idle once no request has started or been in flight for this long.
const QUIET_MS = 1_500;

/** A script a page fetched. */
export interface Script {
  readonly path: string;
  readonly gzipBytes: number;
  /** In index.html: loaded by the first page of every visit, whichever it is. */
  readonly entry: boolean;
}

/** Counts the page's requests in flight, to tell when it is idle. */
function trackRequests(page: Page) {
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => {
    inFlight += 1;
    last = Date.now();
  });
  const ended = () => {
    inFlight -= 1;
    last = Date.now();
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    /** Resolves once no request has been started or in flight for `QUIET_MS`. */
    async idle() {
      while (inFlight > 0 || Date.now() - last < QUIET_MS) {
        await new Promise(ok => setTimeout(ok, 100));
      }
    },
  };
}

/**
 * The scripts a cold load of `/catalog` of the app built in `dist` fetches until the page is idle,
 * once the page shows every text of `ready` (a row of the list, and with the plugin its Last order
 * cells). No backend runs: the browser's calls to `/api/**` are answered as the portal would.
 */
export async function catalogScripts(
  dist: string,
  ready: readonly string[],
): Promise<Script[]> {
  const server = await serveDirectory(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const context = await browser.newContext();
    await mockPortal(context);
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.origin === server.url && url.pathname.endsWith('.js')) {
        scripts.add(url.pathname);
      }
    });
    const requests = trackRequests(page);
    await page.goto(`${server.url}/catalog`);
    for (const text of ready) {
      await page
        .getByText(text)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    }
    await requests.idle();
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    return [...scripts].sort().map(path => ({
      path,
      gzipBytes: gzipSync(readFileSync(join(dist, path))).length,
      entry: html.includes(`"${path}"`),
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The plugin's source files the scripts were built from, from their source maps. */
export function pluginModules(dist: string, scripts: Script[]): string[] {
  const modules = scripts.flatMap(({ path }) => {
    const map = join(dist, `${path}.map`);
    if (!existsSync(map)) return [];
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as {
      sources: string[];
    };
    return sources
      .filter(source => source.includes('/plugins/workflow-orders'))
      .map(source => source.replace(/^.*\/plugins\//, ''));
  });
  return [...new Set(modules)].sort();
}
