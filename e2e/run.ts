/*
 * `npm run e2e`: starts the real local portal on its own ports and data folder, drives Debian's
 * Chromium through the acceptance scenarios, saves the README screenshots, and prints
 * "N passed, N failed". Exits non-zero on any failure; the whole run is bounded.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPortal, type Portal } from '../packages/backend/scripts/portal';
import { openSignedInContext, withTimeout } from './harness';
import { createScenarios } from './scenarios';

const ROOT = resolve(__dirname, '..');
const DATA_DIR = join(ROOT, '.local/e2e');
const SCREENSHOTS_DIR = join(ROOT, 'docs/screenshots');
const RUN_DEADLINE_MS = 9 * 60_000;
const PORTS = { app: 3100, backend: 7107, dynamodb: 8101 };
const DEMO_INTERVAL_MS = 4000;

const seconds = (since: number) =>
  `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });

  let portal: Portal | undefined;
  const aborter = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the portal...`);
      aborter.abort();
      if (portal)
        Promise.resolve(portal.stop()).finally(() => process.exit(130));
    });
  }
  let passed = 0;
  let failed = 0;
  const watchdog = setTimeout(() => {
    say(
      `The browser tests did not finish within ${RUN_DEADLINE_MS / 60_000} minutes.`,
    );
    say(`${passed} passed, ${failed + 1} failed`);
    Promise.resolve(portal?.stop()).finally(() => process.exit(1));
  }, RUN_DEADLINE_MS);

  try {
    say(`Starting the portal (logs in ${DATA_DIR})...`);
    portal = await startPortal({
      dataDir: DATA_DIR,
      ports: PORTS,
      demoIntervalMs: DEMO_INTERVAL_MS,
      watch: false,
      output: 'files',
      signal: aborter.signal,
      log: line => say(`  ${line}`),
    });
    say(`Portal up in ${seconds(started)}`);

    const scenarios = createScenarios(portal, SCREENSHOTS_DIR);
    const { browser, context } = await openSignedInContext(portal.appUrl);
    try {
      for (const scenario of scenarios) {
        const page = await context.newPage();
        const begun = Date.now();
        try {
          await withTimeout(
            scenario.run(page),
            scenario.timeoutMs ?? 60_000,
            scenario.name,
          );
          passed += 1;
          say(`  ✓ ${scenario.name} (${seconds(begun)})`);
        } catch (error) {
          failed += 1;
          say(
            `  ✗ ${scenario.name} (${seconds(begun)})\n      ${(error as Error).message}`,
          );
          await page
            .screenshot({
              path: join(DATA_DIR, `failed-${passed + failed}.png`),
            })
            .catch(() => undefined);
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  } catch (error) {
    failed += 1;
    say(
      `The portal or the browser could not start: ${(error as Error).message}`,
    );
  } finally {
    await portal?.stop();
    clearTimeout(watchdog);
  }
  say(`Browser tests finished in ${seconds(started)}`);
  say(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(code => process.exit(code));
