/**
 * What the workflow-orders plugin adds to the JavaScript of a cold load of the catalog list
 * (`/catalog`): the gzip size of every script the page fetches until it is idle, in the app's
 * production build as is, minus the same in the app built without the plugin. Run with
 * `npm run bench` in this package; it builds the app twice (a minute or two) and drives Debian's chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH).
 *
 * The app without the plugin is a copy of this package under `<repo>/.local/` (git-ignored) whose
 * sources no longer import it and whose package.json no longer depends on it, so `app.packages: all`
 * does not discover it either; the app itself is left as it is. No backend runs: the browser's
 * calls to `/api/**` are answered with a signed-in demo user and two workflows in the catalog, so
 * the list renders its rows and the Last order cells as they do in the portal.
 */
import { benchResult, reportBench } from '@workflow-orders/test-utils';
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const APP_DIR = resolve(__dirname, '..');
const ROOT = resolve(APP_DIR, '../..');
const WITHOUT_DIR = join(ROOT, '.local', 'bench-app-without-workflow-orders');
const PLUGIN = '@workflow-orders/plugin-workflow-orders';
const BACKSTAGE_CLI = require.resolve('@backstage/cli/bin/backstage-cli');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The page is idle once no request has started or been in flight for this long.
const QUIET_MS = 1_500;
const WORKFLOWS = [
  { name: 'dax-breakout-strategy', id: '0b0e6a4e-6b0c-4c47-9a5e-1c2d3e4f5a6b' },
  {
    name: 'eur-usd-mean-reversion',
    id: '1c1f7b5f-7c1d-4d58-8b6f-2d3e4f5a6b7c',
  },
];

async function build(dir: string, label: string) {
  process.stdout.write(`Building the app ${label}…\n`);
  const output: Buffer[] = [];
  const child = spawn(process.execPath, [BACKSTAGE_CLI, 'package', 'build'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', chunk => output.push(chunk));
  child.stderr.on('data', chunk => output.push(chunk));
  const code = await new Promise<number | null>(ok => child.on('exit', ok));
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`The build of the app ${label} failed (exit ${code})`);
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/** A source of the app without its imports of the plugin and their names in its lists. */
function stripPluginImports(source: string): string {
  const imports = new RegExp(
    `import\\s*\\{([^}]*)\\}\\s*from\\s*'${PLUGIN}(?:/[\\w-]+)?';\\n?`,
    'g',
  );
  const names = [...source.matchAll(imports)].flatMap(([, list]) =>
    list.split(',').map(name => name.trim()),
  );
  let result = source.replace(imports, '');
  for (const name of names.filter(Boolean)) {
    result = result.replace(new RegExp(`,\\s*${name}\\b|\\b${name}\\s*,`), '');
    if (new RegExp(`\\b${name}\\b`).test(result)) {
      throw new Error(`${name} of ${PLUGIN} is used beyond a list of features`);
    }
  }
  return result;
}

/** A copy of what the build of the app reads (its tests left out), without the plugin. */
function copyWithoutPlugin() {
  rmSync(WITHOUT_DIR, { recursive: true, force: true });
  cpSync(join(APP_DIR, 'public'), join(WITHOUT_DIR, 'public'), {
    recursive: true,
  });
  cpSync(join(APP_DIR, 'src'), join(WITHOUT_DIR, 'src'), {
    recursive: true,
    filter: path => !/\.test\.tsx?$/.test(path),
  });
  const pkg = JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8'));
  delete pkg.dependencies[PLUGIN];
  writeFileSync(
    join(WITHOUT_DIR, 'package.json'),
    `${JSON.stringify(pkg, null, 2)}\n`,
  );
  for (const file of sourceFiles(join(WITHOUT_DIR, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const stripped = stripPluginImports(source);
    if (stripped.includes('workflow-orders/plugin')) {
      throw new Error(
        `Could not take ${PLUGIN} out of ${relative(WITHOUT_DIR, file)}; teach stripPluginImports() its import`,
      );
    }
    if (stripped !== source) writeFileSync(file, stripped);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves a built app; every unknown path answers with index.html, as the app backend does. */
async function serve(dist: string) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(
      new URL(request.url ?? '/', 'http://x').pathname,
    );
    let file = join(dist, path);
    if (
      !file.startsWith(dist) ||
      !existsSync(file) ||
      statSync(file).isDirectory()
    ) {
      file = join(dist, 'index.html');
    }
    response.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function entity({ name, id }: (typeof WORKFLOWS)[number]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      uid: id,
      annotations: { 'workflow-orders/workflow-id': id },
    },
    spec: { type: 'trading-workflow', lifecycle: 'production', owner: 'tara' },
    relations: [],
  };
}

function base64Url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** What the backend would answer, as far as the catalog list needs it. */
function answer(method: string, url: URL, body: string | null): unknown {
  const path = url.pathname.replace(/^\/api/, '');
  if (path === '/auth/demo/refresh') {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    return {
      profile: { displayName: 'Tara' },
      backstageIdentity: {
        token: `${base64Url({ alg: 'none' })}.${base64Url({ sub: 'user:default/tara', exp })}.x`,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/tara',
          ownershipEntityRefs: ['user:default/tara'],
        },
      },
    };
  }
  if (path === '/catalog/entities/by-query') {
    return {
      items: WORKFLOWS.map(entity),
      totalItems: WORKFLOWS.length,
      pageInfo: {},
    };
  }
  if (path === '/catalog/entities') return WORKFLOWS.map(entity);
  if (path === '/catalog/entity-facets') {
    return {
      facets: Object.fromEntries(
        url.searchParams
          .getAll('facet')
          .map(facet => [
            facet,
            facet === 'kind' ? [{ value: 'Component', count: 2 }] : [],
          ]),
      ),
    };
  }
  if (path === '/catalog/entities/by-refs' && method === 'POST') {
    const { entityRefs = [] } = JSON.parse(body ?? '{}');
    return { items: entityRefs.map(() => null) };
  }
  if (path === '/workflow-orders/summaries' && method === 'POST') {
    const { workflow_ids: ids = [] } = JSON.parse(body ?? '{}');
    return {
      summaries: ids.map((id: string) => ({
        workflow_id: id,
        last_order_timestamp: new Date(Date.now() - 3_600_000).toISOString(),
        last_order_direction: 'BUY',
        last_order_quantity: 1,
        last_order_price: 18250.5,
        last_order_code: 'DE40',
      })),
    };
  }
  return {};
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

interface Script {
  readonly path: string;
  readonly gzipBytes: number;
  /** In index.html: loaded by the first page of every visit, whichever it is. */
  readonly entry: boolean;
}

/**
 * The scripts a cold load of `/catalog` fetches until the page is idle, once the page shows every
 * text of `ready` (a row of the list, and with the plugin its Last order cells).
 */
async function catalogScripts(
  dist: string,
  ready: readonly string[],
): Promise<Script[]> {
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const context = await browser.newContext();
    // The demo sign-in page signs in at once as the user it remembers.
    await context.addInitScript(() =>
      window.localStorage.setItem('workflow-orders.demo-user', 'tara'),
    );
    await context.route('**/api/**', route => {
      const request = route.request();
      return route.fulfill({
        json: answer(
          request.method(),
          new URL(request.url()),
          request.postData(),
        ),
      });
    });
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
    server.close();
  }
}

/** The plugin's source files the scripts were built from, from their source maps. */
function pluginModules(dist: string, scripts: Script[]): string[] {
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

function kB(scripts: Script[]) {
  return scripts.reduce((sum, s) => sum + s.gzipBytes, 0) / 1000;
}

function print(label: string, scripts: Script[]) {
  const entry = scripts.filter(s => s.entry);
  process.stdout.write(
    `\n/catalog ${label}: ${scripts.length} scripts, ${kB(scripts).toFixed(1)} kB gzip, ` +
      `of which ${kB(entry).toFixed(1)} kB in index.html (every page's first load)\n`,
  );
  for (const { path, gzipBytes, entry: inHtml } of scripts) {
    process.stdout.write(
      `  ${(gzipBytes / 1000).toFixed(1).padStart(7)} kB  ${path}${inHtml ? '  (index.html)' : ''}\n`,
    );
  }
}

async function main() {
  const dist = join(APP_DIR, 'dist');
  await build(APP_DIR, 'with the plugin');
  // The summaries answer an order of an hour ago: the cells show "1h ago".
  const withPlugin = await catalogScripts(dist, [WORKFLOWS[0].name, '1h ago']);
  let withoutPlugin: Script[];
  try {
    copyWithoutPlugin();
    await build(WITHOUT_DIR, 'without the plugin');
    withoutPlugin = await catalogScripts(join(WITHOUT_DIR, 'dist'), [
      WORKFLOWS[0].name,
    ]);
  } finally {
    rmSync(WITHOUT_DIR, { recursive: true, force: true });
  }
  print('with the plugin', withPlugin);
  process.stdout.write(
    `  workflow-orders modules: ${pluginModules(dist, withPlugin).join(', ')}\n`,
  );
  print('without the plugin', withoutPlugin);
  const entryAdded =
    kB(withPlugin.filter(s => s.entry)) -
    kB(withoutPlugin.filter(s => s.entry));
  process.stdout.write(
    `\nAdded by the plugin: ${(kB(withPlugin) - kB(withoutPlugin)).toFixed(1)} kB gzip to /catalog, ` +
      `${entryAdded.toFixed(1)} kB of them to every page's first load\n`,
  );
  reportBench('Frontend: initial JavaScript of the catalog list', [
    benchResult(
      'initial_js_added_kb',
      kB(withPlugin) - kB(withoutPlugin),
      'kB',
      '<= 30',
    ),
  ]);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
