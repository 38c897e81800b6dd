/*
 * What every part of the adoption test shares: where things are, the ports, the three app kinds and
 * their workflows, and the environment of every command it runs. Settings (environment):
 *   ADOPTION_PACKS       folder of the tarballs (default: run `npm run pack`, use dist-packs/)
 *   ADOPTION_KINDS       some of `new,legacy,bumped` (default all three)
 *   ADOPTION_TIMEOUT_MIN bound of the whole run (default 35)
 *   ADOPTION_WORK_DIR    where the apps go (default a new folder in the temp dir, made by the global setup)
 *   ADOPTION_PORT_OFFSET added to every port, to run beside another run of this test (default 0)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from '@playwright/test';
import { runCommand } from '@workflow-orders/local-portal';
import type { Kind } from './kinds';

export { LABELS, selectedKinds, systemOf } from './kinds';
export type { Kind } from './kinds';

export const ROOT = resolve(__dirname, '..', '..');
export const CACHE = join(homedir(), '.cache', 'workflow-orders-adoption');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const TABLE = 'workflow_orders';
export const REGION = 'us-east-1';
export const CREDENTIALS = {
  accessKeyId: 'adoption',
  secretAccessKey: 'adoption',
};
export const API_TOKEN = 'adoption-test-token';

const PORT_OFFSET = Number(process.env.ADOPTION_PORT_OFFSET ?? 0);
export const DYNAMODB_PORT = 8201 + PORT_OFFSET;
export const ENDPOINT = `http://127.0.0.1:${DYNAMODB_PORT}`;
export const PORTS: Record<Kind, { app: number; backend: number }> = {
  new: { app: 3200 + PORT_OFFSET, backend: 7207 + PORT_OFFSET },
  legacy: { app: 3300 + PORT_OFFSET, backend: 7307 + PORT_OFFSET },
  bumped: { app: 3500 + PORT_OFFSET, backend: 7507 + PORT_OFFSET },
};

/** The workflow each app's catalog gets, and the order the engine records for it. */
export const WORKFLOW: Record<
  Kind,
  { id: string; name: string; code: string }
> = {
  new: {
    id: '3d6f9a2c-1b4e-4c8d-9e7f-0a1b2c3d4e51',
    name: 'adoption-new-workflow',
    code: 'NEWFS.I',
  },
  legacy: {
    id: '7a8b9c0d-2e3f-4a5b-8c6d-1e2f3a4b5c62',
    name: 'adoption-legacy-workflow',
    code: 'LEGACY.I',
  },
  bumped: {
    id: '5c4b3a29-8d7e-4f60-9a1b-2c3d4e5f6a73',
    name: 'adoption-bumped-workflow',
    code: 'BUMPED.I',
  },
};

/** Our published packages. */
export const PACKAGES = {
  common: '@workflow-orders/plugin-workflow-orders-common',
  frontend: '@workflow-orders/plugin-workflow-orders',
  backend: '@workflow-orders/plugin-workflow-orders-backend',
  engineHook: '@workflow-orders/engine-hook',
  table: '@workflow-orders/table',
} as const;

/** The run's folder (set by the global setup, so every worker shares it). */
export function workDir(): string {
  const dir = process.env.ADOPTION_WORK_DIR;
  if (!dir) {
    throw new Error(
      'ADOPTION_WORK_DIR is not set: run the adoption test through its config (npm run test:adoption)',
    );
  }
  return dir;
}

/** The log file of one step. */
export function logFile(name: string): string {
  const dir = join(workDir(), 'logs');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.log`);
}

/** The folder of the app of `kind`. */
export const appDir = (kind: Kind) => join(workDir(), `${kind}-app`);

/** The folder where the recorder and the table tool are installed from their tarballs. */
export const engineDir = () => join(workDir(), 'engine');

/** The npm registry this machine uses (found by the global setup). */
export function registry(): string {
  return process.env.ADOPTION_REGISTRY || 'https://registry.npmjs.org/';
}

const nodeDir = dirname(dirname(process.execPath));
export const YARN_DIR = join(CACHE, 'yarn-4');
const yarnBin = join(YARN_DIR, 'node_modules', '.bin');

/**
 * Environment of every command: the Node running this, yarn 4 from the npm registry (cached), the
 * machine's npm registry, node-gyp headers from the Node package, and none of the `npm_*` variables
 * of the `npm run` that started the test. Commands get exactly this (no `extendEnv`).
 */
export function commandEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')),
    ),
    PATH: `${yarnBin}:${join(nodeDir, 'bin')}:${process.env.PATH}`,
    ...(existsSync(join(nodeDir, 'include', 'node'))
      ? { npm_config_nodedir: nodeDir }
      : {}),
    YARN_NPM_REGISTRY_SERVER: registry().replace(/\/$/, ''),
    YARN_GLOBAL_FOLDER: join(CACHE, 'yarn-global'),
    YARN_ENABLE_GLOBAL_CACHE: 'true',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    // create-app's .yarnrc.yml holds back versions published in the last 3 days
    // (`npmMinimalAgeGate: 3d`), and fails the install when a dependency pins one exactly (on
    // 2026-12-04 playwright-core 1.65.2). The test installs what the
    // registry serves now, as the current release is what it checks.
    YARN_NPM_MINIMAL_AGE_GATE: '0',
    // Every yarn, nested ones in scripts too, is the yarn 4 of the npm package rather than the app's
    // pinned .yarn/releases copy: create-app 0.9.2 pins yarn 4.13.0, whose `yarn add` crashes here
    // ("The `onCancel` handler was attached after the promise settled"). Build scripts stay on
    // (better-sqlite3 must be compiled for this Node).
    YARN_YARN_PATH: join(
      YARN_DIR,
      'node_modules',
      '@yarnpkg',
      'cli-dist',
      'bin',
      'yarn.js',
    ),
    YARN_ENABLE_SCRIPTS: 'true',
    BACKSTAGE_APP_NAME: 'adopted',
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    NODE_OPTIONS: '',
  };
}

/** Runs a shell command of the adopter's to its end with {@link commandEnv}; its output goes to `logs/<log>.log`. */
export function sh(
  command: string,
  options: {
    cwd: string;
    log: string;
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
  },
): Promise<string> {
  return runCommand(command, {
    cwd: options.cwd,
    env: { ...commandEnv(), ...options.env },
    extendEnv: false,
    log: logFile(options.log),
    timeoutMs: options.timeoutMs,
  });
}

/** A finding worth reading in the report (versions, fallbacks, counts): printed and kept on the test. */
export function note(line: string): void {
  process.stdout.write(`    ${line}\n`);
  test.info().annotations.push({ type: 'note', description: line });
}

/** A JSON file's content. */
export function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Writes `value` as a JSON file, as create-app formats its own. */
export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
