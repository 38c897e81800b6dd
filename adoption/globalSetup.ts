import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPortsFree, startService } from '@workflow-orders/local-portal';
import { checkPrerequisites, npmRegistry } from './support/prerequisites';
import {
  DYNAMODB_PORT,
  LABELS,
  logFile,
  PORTS,
  selectedKinds,
} from './support/settings';
import { versionsOf } from './support/versions';

/**
 * Checks the machine, makes the run's folder (`ADOPTION_WORK_DIR`, which the workers read), and
 * starts the embedded DynamoDB every app shares (dynalite, in a process of its own, through the
 * local portal's process handling); the teardown stops it and prints the versions the apps ran on.
 */
export default async function globalSetup() {
  const registry = npmRegistry();
  await checkPrerequisites(registry);
  process.env.ADOPTION_REGISTRY = registry;
  const workDir =
    process.env.ADOPTION_WORK_DIR ?? mkdtempSync(join(tmpdir(), 'adoption-'));
  process.env.ADOPTION_WORK_DIR = workDir;
  mkdirSync(workDir, { recursive: true });
  for (const lock of ['processor.lock', 'scaffolder.lock']) {
    rmSync(join(workDir, lock), { force: true });
  }
  const kinds = selectedKinds();
  await assertPortsFree({
    'embedded DynamoDB': DYNAMODB_PORT,
    ...Object.fromEntries(
      kinds.flatMap(kind => [
        [`${kind} app`, PORTS[kind].app],
        [`${kind} backend`, PORTS[kind].backend],
      ]),
    ),
  }).catch(error => {
    throw new Error(
      `${error.message} (another adoption run? ADOPTION_PORT_OFFSET moves every port)`,
    );
  });
  process.stdout.write(`Adoption test in ${workDir}\n`);

  const dynalite = require.resolve('dynalite');
  const dynamodb = startService({
    name: 'dynalite',
    command: process.execPath,
    args: [
      '-e',
      `require(${JSON.stringify(dynalite)})({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })` +
        `.listen(${DYNAMODB_PORT}, '127.0.0.1', () => console.log('dynalite on ${DYNAMODB_PORT}'));`,
    ],
    cwd: workDir,
    output: { kind: 'file', path: logFile('dynalite') },
  });
  const started = Date.now();

  return async () => {
    await dynamodb.stop();
    const versions = kinds.map(kind => ({ kind, ...versionsOf(kind) }));
    const summary = versions
      .map(
        v =>
          `${LABELS[v.kind]}: create-app ${v.createApp}, Backstage ${v.backstage}` +
          `${v.bumped ? ` bumped to ${v.bumped} (by ${v.bumpedBy})` : ''}`,
      )
      .join('; ');
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    process.stdout.write(
      `\nVersions: ${summary}; Node ${process.version}\nApps and logs: ${workDir} (${minutes} min)\n`,
    );
    appendFileSync(
      join(workDir, 'versions.json'),
      `${JSON.stringify({ versions, node: process.version, date: new Date().toISOString() })}\n`,
    );
  };
}
