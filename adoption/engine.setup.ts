/*
 * The steps the three apps share, once before them: yarn 4, our tarballs, the engine side installed
 * from them, the embedded DynamoDB the global setup started, and the table the README's tool creates.
 */
import { test } from '@playwright/test';
import { waitForUrl } from '@workflow-orders/local-portal';
import {
  createTable,
  ensureYarn,
  findTarballs,
  installTools,
} from './support/engine';
import { DYNAMODB_PORT, ENDPOINT, logFile } from './support/settings';

test.describe.serial('shared', () => {
  test('yarn 4 from the npm registry', async () => {
    await ensureYarn();
  });

  test('our tarballs', async () => {
    await findTarballs();
  });

  test('the recorder and the table tool install from their tarballs', async () => {
    await installTools();
  });

  test(`embedded DynamoDB (dynalite) on :${DYNAMODB_PORT}`, async () => {
    await waitForUrl(ENDPOINT, { timeoutMs: 20_000 }).catch(error => {
      throw new Error(`${error.message} (log: ${logFile('dynalite')})`);
    });
  });

  test('the table tool creates the table', async () => {
    await createTable();
  });
});
