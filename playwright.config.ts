/*
 * The browser tests of the local portal: `npm run e2e`. The global setup starts the real portal on
 * ports of its own (app 3100, backend 7107, DynamoDB 8101) with demo data and a demo engine; the
 * `setup` project signs in once as each person of the demo catalog (Tara of the trading desk, Quinn
 * of quant research, Olivia of operations) and keeps each session; the scenarios then run one after
 * another in Debian's chromium against that one portal (they share its data, and one of them stops
 * its DynamoDB), as Olivia unless a scenario is about another identity (`test.use`).
 */
import { defineConfig } from '@playwright/test';
import { storageStateOf } from './e2e/identities';
import { chromiumLaunchOptions } from './e2e/support/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  globalSetup: require.resolve('./e2e/globalSetup'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // The slowest scenario took 53 s on a 2-core machine, and CI runs its other lane of tests beside
  // these (scripts/test.js): the bound stops a hung scenario, not a slow one.
  timeout: 120_000,
  // 15 to 20 minutes on a 2-core machine: three sign-ins, and each of the 57 scenarios opens the app
  // (served by the development server) afresh. The bound stops a hung run, not a slow one.
  globalTimeout: 35 * 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: 'http://localhost:3100',
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 20_000,
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'setup', testMatch: /signIn\.setup\.ts/ },
    {
      name: 'portal',
      testMatch: /\.spec\.ts/,
      dependencies: ['setup'],
      use: { storageState: storageStateOf('olivia') },
    },
  ],
});
