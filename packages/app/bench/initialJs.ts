/**
 * What the workflow-orders plugin adds to the JavaScript of a cold load of the catalog list
 * (`/catalog`): the gzip size of every script the page fetches until it is idle, in the app's
 * production build as is, minus the same in the app built without the plugin. Run with
 * `npm run bench` in this package; it builds the app twice (a minute or two) and drives Debian's chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH).
 *
 * The app without the plugin is a copy of this package with the plugin taken out (appBuilds.ts). No
 * backend runs: the browser's calls to `/api/**` are answered with a signed-in demo user and two
 * workflows in the catalog (mockPortal.ts), so the list renders its rows and the Last order cells as
 * they do in the portal.
 */
import { benchResult, reportBench } from '@workflow-orders/test-utils';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIR, WITHOUT_DIR, build, copyWithoutPlugin } from './appBuilds';
import { catalogScripts, pluginModules, type Script } from './catalogScripts';
import { WORKFLOWS } from './mockPortal';

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
  const firstRow = WORKFLOWS[0].metadata.name;
  await build(APP_DIR, 'with the plugin');
  // The summaries answer an order of an hour ago: the cells show "1h ago".
  const withPlugin = await catalogScripts(dist, [firstRow, '1h ago']);
  let withoutPlugin: Script[];
  try {
    copyWithoutPlugin();
    await build(WITHOUT_DIR, 'without the plugin');
    withoutPlugin = await catalogScripts(join(WITHOUT_DIR, 'dist'), [firstRow]);
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
