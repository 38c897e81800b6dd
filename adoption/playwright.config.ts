/*
 * The adoption test: `npm run test:adoption` (`playwright test -c adoption/playwright.config.ts`).
 * What an adopter does, from nothing: three fresh Backstage apps made by the newest
 * @backstage/create-app (new frontend system, --legacy, and a new frontend system one moved to the
 * current Backstage release) install our packages from the tarballs of `npm run pack`, apply the
 * install snippets of docs/install.md, build, run against an embedded DynamoDB, and show an order the
 * engine hook recorded on the Orders tab, the Last order card, the Last order column and the Workflow
 * orders page in Debian's chromium.
 *
 * The global setup checks the machine and starts the shared DynamoDB; the `shared` project makes what
 * every app needs (yarn 4, the tarballs, the engine side, the table); then each app's spec runs in a
 * worker of its own, its steps one after another (`describe.serial`). Installs run side by side; the
 * apps take turns for type-checks, builds and the running portal (support/turns.ts). The apps and
 * logs stay in the printed folder. Settings: see support/settings.ts.
 */
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { selectedKinds } from './support/kinds';
import { chromiumLaunchOptions } from '../e2e/support/chromium';

const wholeRunMinutes = Number(process.env.ADOPTION_TIMEOUT_MIN ?? 35);

export default defineConfig({
  testDir: '.',
  outputDir: join(__dirname, '..', 'test-results', 'adoption'),
  globalSetup: require.resolve('./globalSetup'),
  workers: 3,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // One step can wait for the other apps' turns on the processor before its own work.
  timeout: 20 * 60_000,
  globalTimeout: wholeRunMinutes * 60_000,
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: join(__dirname, '..', 'test-results', 'adoption.json') },
    ],
  ],
  use: { launchOptions: chromiumLaunchOptions },
  projects: [
    { name: 'shared', testMatch: /engine\.setup\.ts$/ },
    {
      name: 'apps',
      testMatch: selectedKinds().map(kind => `${kind}App.spec.ts`),
      dependencies: ['shared'],
    },
  ],
});
