/*
 * The adoption test: what an adopter does, from nothing. Scaffolds three fresh Backstage apps with the
 * newest @backstage/create-app (new frontend system, --legacy, and a new frontend system one moved to
 * the current Backstage release), installs our packages from the
 * tarballs of `npm run pack`, applies the README's install snippets (read from docs/install.md), builds
 * the apps, runs them against an embedded DynamoDB, records an order through the engine hook, and
 * checks the Orders tab, the Last order card, the Last order column and the Workflow orders page in
 * Debian's chromium.
 *
 * Prints one line per adopter step and ends with `N passed, N failed`. The apps stay in the printed
 * temp folder for debugging. Settings (environment):
 *   ADOPTION_PACKS       folder of the tarballs (default: run `npm run pack`, use dist-packs/)
 *   ADOPTION_KINDS       some of `new,legacy,bumped` (default all three)
 *   ADOPTION_TIMEOUT_MIN watchdog for the whole run (default 35)
 *   ADOPTION_WORK_DIR    where the apps go (default a new folder in the temp dir)
 *   ADOPTION_PORT_OFFSET added to every port, to run beside another run of this test (default 0)
 *
 * The apps go side by side where that saves time: they scaffold one after the other, install at the
 * same time (one shared yarn cache), and take turns for what needs the processor (type-check,
 * builds, the portal and the browser), so the third app adds little to the run.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import {
  addFeatures,
  featureNames,
  indent,
  insertBefore,
  mergeImports,
  readSnippets,
  splitSnippet,
  type Snippet,
} from './snippets';
import { run, start, stop, stopAll, waitFor } from './processes';
import { checkInBrowser, closeBrowser } from './browser';

/** The apps: create-app's default (new frontend system), its `--legacy` one, and a default one bumped to our release. */
type Kind = 'new' | 'legacy' | 'bumped';

/** The frontend system of an app of `kind`. */
const systemOf = (kind: Kind): 'new' | 'legacy' =>
  kind === 'legacy' ? 'legacy' : 'new';

const ROOT = resolve(__dirname, '..');
const CACHE = join(homedir(), '.cache', 'workflow-orders-adoption');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const TABLE = 'workflow_orders';
const REGION = 'us-east-1';
const PORT_OFFSET = Number(process.env.ADOPTION_PORT_OFFSET ?? 0);
const DYNAMODB_PORT = 8201 + PORT_OFFSET;
const ENDPOINT = `http://127.0.0.1:${DYNAMODB_PORT}`;
const CREDENTIALS = { accessKeyId: 'adoption', secretAccessKey: 'adoption' };
const API_TOKEN = 'adoption-test-token';
const PORTS: Record<Kind, { app: number; backend: number }> = {
  new: { app: 3200 + PORT_OFFSET, backend: 7207 + PORT_OFFSET },
  legacy: { app: 3300 + PORT_OFFSET, backend: 7307 + PORT_OFFSET },
  bumped: { app: 3500 + PORT_OFFSET, backend: 7507 + PORT_OFFSET },
};
const WORKFLOW: Record<Kind, { id: string; name: string; code: string }> = {
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
const PACKAGES = {
  common: '@workflow-orders/plugin-workflow-orders-common',
  frontend: '@workflow-orders/plugin-workflow-orders',
  backend: '@workflow-orders/plugin-workflow-orders-backend',
  engineHook: '@workflow-orders/engine-hook',
  table: '@workflow-orders/table',
};

const started = Date.now();
const kinds = (process.env.ADOPTION_KINDS ?? 'new,legacy,bumped')
  .split(',')
  .map(kind => kind.trim()) as Kind[];
const workDir =
  process.env.ADOPTION_WORK_DIR ?? mkdtempSync(join(tmpdir(), 'adoption-'));
const logDir = join(workDir, 'logs');
mkdirSync(logDir, { recursive: true });
mkdirSync(CACHE, { recursive: true });

const results: { name: string; ok: boolean; seconds: number }[] = [];
const notes: string[] = [];
const servers: Server[] = [];

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function note(line: string) {
  notes.push(line);
  say(`    ${line}`);
}

/** Runs one adopter step as a check; a failed prerequisite skips it (and counts as failed). */
async function step(
  name: string,
  work: () => Promise<unknown>,
  requires: string[] = [],
): Promise<boolean> {
  const missing = requires.filter(
    need => !results.find(result => result.name === need)?.ok,
  );
  if (missing.length > 0) {
    results.push({ name, ok: false, seconds: 0 });
    say(`✗ ${name} (skipped: ${missing.join(', ')} did not pass)`);
    return false;
  }
  const t0 = Date.now();
  try {
    await work();
    const seconds = (Date.now() - t0) / 1000;
    results.push({ name, ok: true, seconds });
    say(`✓ ${name} (${seconds.toFixed(1)} s)`);
    return true;
  } catch (error) {
    const seconds = (Date.now() - t0) / 1000;
    results.push({ name, ok: false, seconds });
    const message = error instanceof Error ? error.message : String(error);
    say(
      `✗ ${name} (${seconds.toFixed(1)} s)\n    ${message.replace(/\n/g, '\n    ')}`,
    );
    return false;
  }
}

function finish(code?: number): never {
  stopAll();
  for (const server of servers) server.close();
  const passed = results.filter(result => result.ok).length;
  const failed = results.length - passed;
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  say(`\nApps and logs: ${workDir} (${minutes} min)`);
  say(`${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed > 0 ? 1 : 0));
}

/** Runs the works given to it one at a time, in the order they come. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = last.then(work);
    last = result.catch(() => undefined);
    return result;
  };
}

/** Type-checks, builds and the running portal, one app at a time (2 cores). */
const processor = oneAtATime();
/** npx's cache of create-app is not safe for two at once. */
const scaffolder = oneAtATime();

const watchdogMinutes = Number(process.env.ADOPTION_TIMEOUT_MIN ?? 35);
setTimeout(() => {
  results.push({
    name: `the whole run within ${watchdogMinutes} min`,
    ok: false,
    seconds: 0,
  });
  say(`✗ the whole run took longer than ${watchdogMinutes} min; stopped`);
  void closeBrowser().finally(() => finish(1));
}, watchdogMinutes * 60_000).unref();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    say(`stopped by ${signal}`);
    finish(1);
  });
}
process.on('exit', () => stopAll());

// ---------------------------------------------------------------------------------------------
// Environment of every command: the Node running this, yarn 4 from the npm registry (cached), the
// machine's npm registry, and node-gyp headers from the Node package.

const nodeDir = dirname(dirname(process.execPath));
const yarnDir = join(CACHE, 'yarn-4');
const yarnBin = join(yarnDir, 'node_modules', '.bin');
const registry =
  spawnSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  }).stdout.trim() || 'https://registry.npmjs.org/';
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')),
  ),
  PATH: `${yarnBin}:${join(nodeDir, 'bin')}:${process.env.PATH}`,
  ...(existsSync(join(nodeDir, 'include', 'node'))
    ? { npm_config_nodedir: nodeDir }
    : {}),
  YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
  YARN_GLOBAL_FOLDER: join(CACHE, 'yarn-global'),
  YARN_ENABLE_GLOBAL_CACHE: 'true',
  YARN_ENABLE_TELEMETRY: '0',
  YARN_ENABLE_PROGRESS_BARS: '0',
  YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  // Every yarn, nested ones in scripts too, is the yarn 4 of the npm package rather than the app's
  // pinned .yarn/releases copy: create-app 0.9.2 pins yarn 4.13.0, whose `yarn add` crashes here
  // ("The `onCancel` handler was attached after the promise settled"). Build scripts stay on
  // (better-sqlite3 must be compiled for this Node).
  YARN_YARN_PATH: join(
    yarnDir,
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

function log(name: string) {
  return join(logDir, `${name}.log`);
}

function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function writeJson(path: string, value: unknown) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  }
  return 0;
}

const snippets = readSnippets(join(ROOT, 'docs', 'install.md'));
function snippet(name: string): Snippet {
  const found = snippets.get(name);
  if (!found) {
    throw new Error(
      `docs/install.md has no snippet marked <!-- adoption: ${name} --> before its code fence`,
    );
  }
  return found;
}

/** A README command, with our package names pointing at the tarballs (the registry stand-in). */
function readmeCommand(name: string, replace: Record<string, string>): string {
  let command = snippet(name)
    .code.split('\n')
    .filter(line => line.trim() && !line.trim().startsWith('#'))
    .join(' ');
  for (const [from, to] of Object.entries(replace)) {
    if (!command.includes(from)) {
      throw new Error(`the README step \`${command}\` no longer names ${from}`);
    }
    command = command.split(from).join(to);
  }
  return command;
}

// ---------------------------------------------------------------------------------------------

const tarballs: Record<string, string> = {};
const versions: Record<string, string> = {};

async function findTarballs() {
  let dir = process.env.ADOPTION_PACKS;
  if (!dir) {
    const scripts = readJson(join(ROOT, 'package.json')).scripts ?? {};
    if (!scripts.pack) {
      throw new Error(
        'the root package.json has no `pack` script (set ADOPTION_PACKS to a folder of tarballs)',
      );
    }
    await run('npm run --silent pack', {
      cwd: ROOT,
      env: process.env,
      log: log('pack'),
    });
    dir = join(ROOT, 'dist-packs');
  }
  const packDir = join(workDir, 'packs');
  mkdirSync(packDir, { recursive: true });
  for (const file of readdirSync(dir).filter(name => name.endsWith('.tgz'))) {
    const manifest = spawnSync(
      'tar',
      ['-xzOf', join(dir, file), 'package/package.json'],
      {
        encoding: 'utf8',
      },
    );
    if (manifest.status !== 0) continue;
    const { name } = JSON.parse(manifest.stdout);
    copyFileSync(join(dir, file), join(packDir, file));
    tarballs[name] = join(packDir, file);
  }
  // Until the rename lands the table tool may still be packed as @workflow-orders/dynamodb.
  if (!tarballs[PACKAGES.table] && tarballs['@workflow-orders/dynamodb']) {
    PACKAGES.table = '@workflow-orders/dynamodb';
  }
  const missing = Object.values(PACKAGES).filter(name => !tarballs[name]);
  if (missing.length > 0) {
    throw new Error(`no tarball of ${missing.join(', ')} in ${dir}`);
  }
  say(`    tarballs: ${Object.keys(tarballs).join(', ')} (${dir})`);
}

async function ensureYarn() {
  if (!existsSync(join(yarnBin, 'yarn'))) {
    await run(
      `npm install --prefix ${yarnDir} --no-audit --no-fund @yarnpkg/cli-dist@4`,
      {
        cwd: CACHE,
        env,
        log: log('yarn'),
      },
    );
  }
  versions.yarn = (
    await run('yarn --version', { cwd: CACHE, env, log: log('yarn') })
  ).trim();
}

// ---------------------------------------------------------------------------------------------
// The engine side: the recorder and the table tool from their tarballs, in an empty folder.

const toolsDir = join(workDir, 'engine');

async function installTools() {
  mkdirSync(toolsDir, { recursive: true });
  const file = (name: string) => `file:${tarballs[name]}`;
  writeJson(join(toolsDir, 'package.json'), {
    name: 'adoption-engine',
    private: true,
    dependencies: {
      [PACKAGES.engineHook]: file(PACKAGES.engineHook),
      [PACKAGES.table]: file(PACKAGES.table),
      // The embedded DynamoDB of this test (the table package does not ship one).
      dynalite: '^4.0.0',
    },
    overrides: Object.fromEntries(
      Object.keys(tarballs).map(name => [name, file(name)]),
    ),
  });
  await run('npm install --no-audit --no-fund --loglevel=error', {
    cwd: toolsDir,
    env,
    log: log('engine-install'),
  });
}

async function startDynamoDb() {
  const script = join(toolsDir, 'dynalite.js');
  writeFileSync(
    script,
    `const dynalite = require('dynalite');
dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }).listen(${DYNAMODB_PORT}, '127.0.0.1', () =>
  console.log('dynalite on ${DYNAMODB_PORT}'));\n`,
  );
  const child = start(`node ${script}`, {
    cwd: toolsDir,
    env,
    log: log('dynalite'),
  });
  await waitFor(
    `dynalite on ${ENDPOINT}`,
    async () => (await fetch(ENDPOINT)).status > 0,
    20_000,
    child,
  );
}

async function createTable() {
  const command = readmeCommand('table-create', {
    '@workflow-orders/table': PACKAGES.table,
    'http://localhost:8001': ENDPOINT,
  });
  const output = await run(command, {
    cwd: toolsDir,
    env,
    log: log('table-create'),
  });
  note(`table tool: ${output.trim().split('\n').slice(-1)[0]}`);
}

async function recordOrder(kind: Kind) {
  const workflow = WORKFLOW[kind];
  const script = join(toolsDir, `record-${kind}.js`);
  writeFileSync(
    script,
    `const { createOrderRecorder } = require('${PACKAGES.engineHook}');
const recorder = createOrderRecorder(${JSON.stringify({
      tableName: TABLE,
      clientConfig: {
        region: REGION,
        endpoint: ENDPOINT,
        credentials: CREDENTIALS,
      },
    })});
recorder.record(${JSON.stringify({
      workflow_id: workflow.id,
      workflow_name: workflow.name,
      order_code: workflow.code,
      order_price: 7850.25,
      order_quantity: 10,
      order_direction: 'BUY',
      order_type: 'LIMIT',
    })});
recorder.flush().then(report => {
  console.log(JSON.stringify(report));
  process.exit(report.recorded === 1 ? 0 : 1);
});\n`,
  );
  const output = await run(`node ${script}`, {
    cwd: toolsDir,
    env,
    log: log(`${kind}-record`),
  });
  note(`recorder: ${output.trim().split('\n').slice(-1)[0]}`);
}

// ---------------------------------------------------------------------------------------------
// The apps.

function appDir(kind: Kind) {
  return join(workDir, `${kind}-app`);
}

async function scaffold(kind: Kind) {
  const dir = appDir(kind);
  const flags = kind === 'legacy' ? '--legacy ' : '';
  await run(
    `npx -y @backstage/create-app@latest ${flags}--skip-install --path ${dir}`,
    { cwd: workDir, env, log: log(`${kind}-create-app`) },
  );
  if (!versions.createApp) {
    versions.createApp = (
      await run('npm view @backstage/create-app@latest version', {
        cwd: workDir,
        env,
        log: log(`${kind}-create-app`),
      })
    ).trim();
  }
  versions.backstage = readJson(join(dir, 'backstage.json')).version;
  const packageManager = readJson(join(dir, 'package.json')).packageManager;
  note(
    `create-app ${versions.createApp}, Backstage ${versions.backstage}, app pins ${packageManager}; running yarn ${versions.yarn}`,
  );
}

/** Every `@backstage/*` dependency of the app's three package.json files. */
function backstageManifests(dir: string) {
  return ['', 'packages/app', 'packages/backend'].map(sub => {
    const path = join(dir, sub, 'package.json');
    return { path, manifest: readJson(path) };
  });
}

/**
 * Moves the app to our Backstage release the way an adopter does: `backstage-cli versions:bump
 * --release <ours>` (this repo's CLI, as the app's own is not installed yet; `--skip-install`, the
 * install is the next step). That command reads the release manifest from versions.backstage.io;
 * where it cannot (this machine reaches only the npm registry), each `@backstage/*` dependency goes
 * to the version the registry serves as `latest`, which is the current release's (the one
 * backstage.json of this repo names), and the output says that the fallback was used.
 */
async function bumpToCurrentRelease(kind: Kind) {
  const dir = appDir(kind);
  const release = readJson(join(ROOT, 'backstage.json')).version;
  // versions:bump reads yarn.lock, which an app scaffolded with --skip-install does not have yet.
  const lockfile = join(dir, 'yarn.lock');
  const madeLockfile = !existsSync(lockfile);
  if (madeLockfile) writeFileSync(lockfile, '');
  const cli = join(ROOT, 'node_modules', '.bin', 'backstage-cli');
  let bumpError = '';
  try {
    await run(`${cli} versions:bump --release ${release} --skip-install`, {
      cwd: dir,
      env,
      log: log(`${kind}-bump`),
      timeoutMs: 3 * 60_000,
    });
  } catch (error) {
    bumpError = (error instanceof Error ? error.message : String(error))
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean)
      .slice(-1)[0];
  } finally {
    if (madeLockfile && readFileSync(lockfile, 'utf8') === '') {
      unlinkSync(lockfile);
    }
  }
  if (!bumpError) {
    versions.bumped = readJson(join(dir, 'backstage.json')).version;
    versions.bumpedBy = 'versions:bump';
    note(
      `bumped to Backstage ${versions.bumped} by backstage-cli versions:bump`,
    );
    return;
  }
  const manifests = backstageManifests(dir);
  const fields = ['dependencies', 'devDependencies'] as const;
  const names = [
    ...new Set(
      manifests.flatMap(({ manifest }) =>
        fields.flatMap(field =>
          Object.keys(manifest[field] ?? {}).filter(name =>
            name.startsWith('@backstage/'),
          ),
        ),
      ),
    ),
  ];
  // One `npm view` a package, eight at a time.
  const latest = new Map<string, string>();
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map(async name => {
        const version = await run(`npm view ${name}@latest version`, {
          cwd: dir,
          env,
          log: log(`${kind}-bump`),
        });
        latest.set(name, version.trim());
      }),
    );
  }
  let moved = 0;
  for (const { path, manifest } of manifests) {
    for (const field of fields) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (!latest.has(name)) continue;
        const range = `^${latest.get(name)}`;
        if (manifest[field][name] !== range) moved += 1;
        manifest[field][name] = range;
      }
    }
    writeJson(path, manifest);
  }
  writeJson(join(dir, 'backstage.json'), { version: release });
  versions.bumped = release;
  versions.bumpedBy = "fallback: the registry's latest of each package";
  note(
    `backstage-cli versions:bump --release ${release} failed here (${bumpError}; it needs versions.backstage.io, which this machine cannot reach)`,
  );
  note(
    `FALLBACK used instead of versions:bump: ${moved} @backstage/* dependencies moved to the registry's latest, which is release ${release}'s today; backstage.json says ${release}`,
  );
}

/** The versions of each `@backstage/*` package installed under the app's node_modules. */
function backstageVersions(dir: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const visit = (modules: string, depth: number) => {
    if (depth > 6 || !existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map(n => `${entry}/${n}`)
        : [entry];
      for (const name of names) {
        const pkgDir = join(modules, name);
        if (name.startsWith('@backstage/')) {
          const manifest = join(pkgDir, 'package.json');
          if (existsSync(manifest)) {
            const versionsOf = found.get(name) ?? new Set<string>();
            versionsOf.add(readJson(manifest).version);
            found.set(name, versionsOf);
          }
        }
        visit(join(pkgDir, 'node_modules'), depth + 1);
      }
    }
  };
  visit(join(dir, 'node_modules'), 0);
  for (const sub of ['packages/app', 'packages/backend']) {
    visit(join(dir, sub, 'node_modules'), 1);
  }
  return found;
}

/** The packages of `versionsOf` that are in more than one version. */
function inSeveralVersions(versionsOf: Map<string, Set<string>>) {
  return new Map([...versionsOf].filter(([, v]) => v.size > 1));
}

const copiesBefore: Partial<Record<Kind, Map<string, Set<string>>>> = {};

/**
 * What installing our packages added: `@backstage/*` packages that now have a version more than
 * before (a second copy, or a third), with the counts of packages in more than one version.
 */
function copiesAdded(kind: Kind) {
  const after = backstageVersions(appDir(kind));
  const before = copiesBefore[kind] ?? new Map<string, Set<string>>();
  const added = [...after]
    .filter(([name, v]) => v.size > 1 && (before.get(name)?.size ?? 1) < v.size)
    .map(([name, v]) => {
      const had = [...(before.get(name) ?? [])];
      const plus = [...v].filter(version => !had.includes(version));
      return `${name} (${plus.join(', ')} beside ${had.join(', ') || 'none before'})`;
    });
  return {
    before: inSeveralVersions(before).size,
    after: inSeveralVersions(after).size,
    added,
  };
}

function installed(dir: string, name: string): string | undefined {
  const path = join(dir, 'node_modules', name, 'package.json');
  return existsSync(path) ? readJson(path).version : undefined;
}

/** Whether `version` is in the caret range `range` (`^0.18.0` takes 0.18.x, `^1.2.0` 1.x). */
function inCaretRange(version: string, range: string): boolean {
  const base = range.replace(/^[\^~]/, '');
  const [vMajor, vMinor] = version.split('.').map(Number);
  const [rMajor, rMinor] = base.split('.').map(Number);
  if (compareVersions(version, base) < 0 || vMajor !== rMajor) return false;
  return rMajor > 0 || vMinor === rMinor;
}

/**
 * create-app pins `@backstage/backend-defaults` to a caret range of its release, while the plugins
 * it lists resolve freely (no yarn.lock seed here), so a plugin of a newer release can need a newer
 * backend-defaults (signals-backend and `httpRouter.addWebSocketHandler`). When the newest
 * backend-defaults is outside the app's range but built against the backend-plugin-api the app gets
 * (the newest one), pin it with `resolutions` before installing.
 */
async function alignBackendDefaults(kind: Kind) {
  const dir = appDir(kind);
  const range = readJson(join(dir, 'packages', 'backend', 'package.json'))
    .dependencies?.['@backstage/backend-defaults'];
  if (!range) return;
  const view = async (what: string) =>
    (
      await run(`npm view ${what}`, {
        cwd: dir,
        env,
        log: log(`${kind}-install`),
      })
    ).trim();
  const latest = await view('@backstage/backend-defaults@latest version');
  if (inCaretRange(latest, range)) return;
  const wants = await view(
    '@backstage/backend-defaults@latest dependencies.@backstage/backend-plugin-api',
  );
  const pluginApi = await view('@backstage/backend-plugin-api@latest version');
  if (!inCaretRange(pluginApi, wants)) return;
  const manifest = readJson(join(dir, 'package.json'));
  manifest.resolutions = {
    ...manifest.resolutions,
    '@backstage/backend-defaults': `^${latest}`,
  };
  writeJson(join(dir, 'package.json'), manifest);
  note(
    `adjusted: @backstage/backend-defaults ${range} -> ^${latest} (resolutions), the release of backend-plugin-api ${pluginApi} that the app's plugins get`,
  );
}

async function install(kind: Kind) {
  const dir = appDir(kind);
  // The registry stand-in: our packages resolve to their tarballs, wherever they are needed.
  const manifest = readJson(join(dir, 'package.json'));
  manifest.resolutions = {
    ...manifest.resolutions,
    ...Object.fromEntries(
      Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`]),
    ),
  };
  writeJson(join(dir, 'package.json'), manifest);
  await alignBackendDefaults(kind);
  await run('yarn install', { cwd: dir, env, log: log(`${kind}-install`) });
  copiesBefore[kind] = backstageVersions(dir);
  note(
    `installed: backend-defaults ${installed(dir, '@backstage/backend-defaults')}, backend-plugin-api ${installed(dir, '@backstage/backend-plugin-api')}, frontend-plugin-api ${installed(dir, '@backstage/frontend-plugin-api')}, plugin-catalog ${installed(dir, '@backstage/plugin-catalog')}`,
  );
}

async function addPackage(kind: Kind, snippetName: string, name: string) {
  const command = readmeCommand(snippetName, {
    [name]: `${name}@file:${tarballs[name]}`,
  });
  await run(command, {
    cwd: appDir(kind),
    env,
    log: log(`${kind}-${snippetName}`),
  });
  const workspace = snippetName === 'backend-add' ? 'backend' : 'app';
  const deps = readJson(
    join(appDir(kind), 'packages', workspace, 'package.json'),
  ).dependencies;
  if (!deps?.[name])
    throw new Error(`packages/${workspace}/package.json does not list ${name}`);
}

function edit(kind: Kind, file: string, change: (source: string) => string) {
  const path = join(appDir(kind), file);
  if (!existsSync(path)) throw new Error(`${file} is not in the generated app`);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before)
    throw new Error(`the snippet changed nothing in ${file}`);
  writeFileSync(path, after);
}

function applyBackendIndex(kind: Kind) {
  const line = snippet('backend-index').code.trim();
  edit(kind, 'packages/backend/src/index.ts', source => {
    if (!source.includes('backend.start();')) {
      throw new Error(
        'packages/backend/src/index.ts has no `backend.start();`',
      );
    }
    return source.replace('backend.start();', `${line}\n\nbackend.start();`);
  });
}

function applyAppConfig(kind: Kind) {
  const yaml = snippet('app-config').code;
  edit(kind, 'app-config.yaml', source => {
    for (const key of yaml.match(/^[\w-]+(?=:)/gm) ?? []) {
      if (new RegExp(`^${key}:`, 'm').test(source)) {
        throw new Error(`app-config.yaml already has a top-level \`${key}:\``);
      }
    }
    return `${source.trimEnd()}\n\n${yaml}\n`;
  });
}

function applyWorkflowEntity(kind: Kind) {
  const workflow = WORKFLOW[kind];
  const entity = snippet('workflow-entity').code;
  const uuid = /workflow-orders\/workflow-id:\s*(\S+)/.exec(entity)?.[1];
  const name = /^\s+name:\s*(\S+)/m.exec(entity)?.[1];
  if (!uuid || !name) {
    throw new Error(
      'the workflow entity snippet has no name or workflow-orders/workflow-id',
    );
  }
  const ours = entity
    .replace(uuid, workflow.id)
    .replace(`name: ${name}`, `name: ${workflow.name}`)
    .replace(/^(\s+title:).*$/m, `$1 ${workflow.name}`);
  edit(
    kind,
    'examples/entities.yaml',
    source => `${source.trimEnd()}\n---\n${ours}\n`,
  );
}

function applyNewFrontendApp(kind: Kind) {
  const { code } = snippet('nfs-app');
  const { imports } = splitSnippet(code);
  edit(kind, 'packages/app/src/App.tsx', source =>
    addFeatures(mergeImports(source, imports), featureNames(code)),
  );
}

function applyLegacyEntityPage(kind: Kind) {
  const { imports, blocks } = splitSnippet(snippet('legacy-entity-page').code);
  const card = blocks.find(block => block.includes('EntityLastOrderCard'));
  const route = blocks.find(block => block.startsWith('<EntityLayout.Route'));
  if (!card || !route) {
    throw new Error(
      'the legacy EntityPage snippet lacks the card or the Orders route',
    );
  }
  edit(kind, 'packages/app/src/components/catalog/EntityPage.tsx', source => {
    let result = mergeImports(source, imports);
    result = insertBefore(
      result,
      'const overviewContent = (',
      /^ {2}<\/Grid>\n\);/m,
      indent(card, 4),
    );
    result = insertBefore(
      result,
      'const defaultEntityPage = (',
      /^ {2}<\/EntityLayout>/m,
      `\n${indent(route, 4)}`,
    );
    return result;
  });
}

function applyLegacyApp(kind: Kind) {
  const { imports, blocks } = splitSnippet(snippet('legacy-app').code);
  const columns = blocks.find(block =>
    block.includes('CatalogTableColumnsFunc'),
  );
  const route = blocks.find(block => block.startsWith('<Route'));
  if (!columns || !route) {
    throw new Error(
      'the legacy App.tsx snippet lacks the columns or the /catalog route',
    );
  }
  edit(kind, 'packages/app/src/App.tsx', source => {
    let result = mergeImports(source, imports);
    result = insertBefore(
      result,
      'const routes = (',
      /^const routes = \(/m,
      `${columns}\n`,
    );
    const stock =
      /^ *<Route path="\/catalog" element=\{<CatalogIndexPage \/>\} \/>$/m;
    if (!stock.test(result)) {
      throw new Error(
        'App.tsx has no `<Route path="/catalog" element={<CatalogIndexPage />} />`',
      );
    }
    return result.replace(stock, indent(route, 4));
  });
}

function applyLegacyAppPage(kind: Kind) {
  const { imports, blocks } = splitSnippet(snippet('legacy-app-page').code);
  const route = blocks.find(block => block.startsWith('<Route'));
  if (!route)
    throw new Error('the legacy page snippet lacks the /workflow-orders route');
  edit(kind, 'packages/app/src/App.tsx', source =>
    insertBefore(
      mergeImports(source, imports),
      'const routes = (',
      /^ {2}<\/FlatRoutes>/m,
      indent(route, 4),
    ),
  );
}

/** Config of the test run: ports, the embedded DynamoDB, a static token for polling the catalog. */
function writeRunConfig(kind: Kind): string {
  const { app, backend } = PORTS[kind];
  const path = join(appDir(kind), 'app-config.adoption.yaml');
  // JSON is YAML.
  writeJson(path, {
    app: { baseUrl: `http://localhost:${app}` },
    backend: {
      baseUrl: `http://localhost:${backend}`,
      listen: { port: backend },
      cors: { origin: `http://localhost:${app}`, credentials: true },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: API_TOKEN, subject: 'adoption-test' },
          },
        ],
      },
    },
    auth: { environment: 'development', providers: { guest: {} } },
    workflowOrders: {
      dynamodb: {
        endpoint: ENDPOINT,
        credentials: CREDENTIALS,
        region: REGION,
        tableName: TABLE,
      },
    },
  });
  return path;
}

const CONFIG_ARGS =
  '--config ../../app-config.yaml --config ../../app-config.adoption.yaml';

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

/** Serves the built app on its own port, every unknown path answering with index.html. */
async function serveApp(kind: Kind) {
  const dist = join(appDir(kind), 'packages', 'app', 'dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`${dist} has no index.html`);
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
    createReadStream(file).pipe(response);
  });
  servers.push(server);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(PORTS[kind].app, '127.0.0.1', () => ok());
  });
}

const backends: Partial<Record<Kind, ReturnType<typeof start>>> = {};

async function startBackend(kind: Kind) {
  const { backend } = PORTS[kind];
  // `yarn build:backend` makes the Docker bundle (dist/bundle.tar.gz); locally a create-app backend
  // runs through `backstage-cli package start`, as `yarn start` does.
  const child = start(`yarn start ${CONFIG_ARGS}`, {
    cwd: join(appDir(kind), 'packages', 'backend'),
    env: { ...env, NODE_ENV: 'development', LOG_LEVEL: 'info' },
    log: log(`${kind}-backend`),
  });
  backends[kind] = child;
  const base = `http://localhost:${backend}`;
  await waitFor(
    'the workflow-orders health route',
    async () => {
      const response = await fetch(`${base}/api/workflow-orders/health`);
      return response.ok || `${response.status} ${await response.text()}`;
    },
    120_000,
    child,
  );
  const entity = `${base}/api/catalog/entities/by-name/component/default/${WORKFLOW[kind].name}`;
  await waitFor(
    `the workflow ${WORKFLOW[kind].name} in the catalog`,
    async () => {
      const response = await fetch(entity, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      return response.ok || `${response.status}`;
    },
    90_000,
    child,
  );
}

async function adopt(kind: Kind) {
  const label = {
    new: 'new frontend system',
    legacy: 'legacy',
    bumped: 'new frontend system, bumped',
  }[kind];
  const dir = appDir(kind);
  const s = (name: string) => `${label}: ${name}`;
  say(`\n${label} app (${dir})`);
  await scaffolder(() =>
    step(s('create-app scaffolds the app'), () => scaffold(kind), [
      'yarn 4 from the npm registry',
    ]),
  );
  const scaffolded = [s('create-app scaffolds the app')];
  if (kind === 'bumped') {
    await step(
      s('moved to the current Backstage release'),
      () => bumpToCurrentRelease(kind),
      scaffolded,
    );
    scaffolded.push(s('moved to the current Backstage release'));
  }
  await step(s('yarn install'), () => install(kind), [
    ...scaffolded,
    'our tarballs',
  ]);
  const installedApp = s('yarn install');
  await step(
    s('README: yarn add the backend plugin'),
    () => addPackage(kind, 'backend-add', PACKAGES.backend),
    [installedApp],
  );
  await step(
    s('README: backend.add in packages/backend/src/index.ts'),
    async () => applyBackendIndex(kind),
    [installedApp],
  );
  await step(
    s('README: workflowOrders in app-config.yaml'),
    async () => applyAppConfig(kind),
    [installedApp],
  );
  await step(
    s('README: a workflow entity in the catalog'),
    async () => applyWorkflowEntity(kind),
    [installedApp],
  );
  await step(
    s('README: yarn add the frontend plugin'),
    () => addPackage(kind, 'app-add', PACKAGES.frontend),
    [installedApp],
  );
  const frontendSteps =
    systemOf(kind) === 'new'
      ? [s('README: catalogLastOrderColumnModule in App.tsx')]
      : [
          s('README: Orders tab and Last order card in EntityPage.tsx'),
          s('README: Last order column in App.tsx'),
          s('README: Workflow orders page in App.tsx'),
        ];
  if (systemOf(kind) === 'new') {
    await step(frontendSteps[0], async () => applyNewFrontendApp(kind), [
      installedApp,
    ]);
  } else {
    await step(frontendSteps[0], async () => applyLegacyEntityPage(kind), [
      installedApp,
    ]);
    await step(frontendSteps[1], async () => applyLegacyApp(kind), [
      installedApp,
    ]);
    await step(frontendSteps[2], async () => applyLegacyAppPage(kind), [
      installedApp,
    ]);
  }
  const applied = [
    s('README: yarn add the backend plugin'),
    s('README: backend.add in packages/backend/src/index.ts'),
    s('README: workflowOrders in app-config.yaml'),
    s('README: yarn add the frontend plugin'),
    ...frontendSteps,
  ];
  // Our packages accept the previous release line where its API is the same as the current one's, so
  // an app on either line keeps one copy of each @backstage package it has.
  await step(
    s('installing our packages adds no second copy of any @backstage package'),
    async () => {
      const { before, after, added } = copiesAdded(kind);
      note(
        `@backstage packages in more than one version: ${before} before our packages, ${after} after; added by ours: ${added.length}`,
      );
      if (added.length > 0)
        throw new Error(`second copies: ${added.join('; ')}`);
    },
    applied,
  );
  writeRunConfig(kind);
  await processor(() =>
    step(
      s('yarn tsc'),
      () => run('yarn tsc', { cwd: dir, env, log: log(`${kind}-tsc`) }),
      applied,
    ),
  );
  await processor(() =>
    step(
      s('yarn build:backend'),
      () =>
        run('yarn build:backend', {
          cwd: dir,
          env,
          log: log(`${kind}-build-backend`),
        }),
      applied,
    ),
  );
  await processor(() =>
    step(
      s('yarn workspace app build'),
      () =>
        run(`yarn workspace app build ${CONFIG_ARGS}`, {
          cwd: dir,
          env,
          log: log(`${kind}-build-app`),
        }),
      applied,
    ),
  );
  await processor(() => runPortal(kind, s));
}

/** Starts the app's backend and serves its bundle, records an order, and checks every screen. */
async function runPortal(kind: Kind, s: (name: string) => string) {
  await step(
    s(`backend starts on :${PORTS[kind].backend} and lists the workflow`),
    () => startBackend(kind),
    [
      s('yarn build:backend'),
      s('README: a workflow entity in the catalog'),
      'the table tool creates the table',
    ],
  );
  await step(s(`app served on :${PORTS[kind].app}`), () => serveApp(kind), [
    s('yarn workspace app build'),
  ]);
  await step(s('the engine records an order'), () => recordOrder(kind), [
    'the table tool creates the table',
  ]);
  const ready = [
    s(`backend starts on :${PORTS[kind].backend} and lists the workflow`),
    s(`app served on :${PORTS[kind].app}`),
    s('the engine records an order'),
  ];
  const browserKind = systemOf(kind);
  for (const view of [
    'orders-tab',
    'last-order-card',
    'catalog-column',
    'workflow-orders-page',
  ] as const) {
    await step(
      s(`browser: ${view.replace(/-/g, ' ')} shows the order`),
      () =>
        checkInBrowser({
          appUrl: `http://localhost:${PORTS[kind].app}`,
          kind: browserKind,
          view,
          entityName: WORKFLOW[kind].name,
          orderCode: WORKFLOW[kind].code,
          screenshot: join(SCREENSHOTS, `adoption-${kind}-${view}.png`),
        }),
      ready,
    );
  }
  await closeBrowser();
  if (backends[kind]) await stop(backends[kind]!);
}

async function main() {
  say(`Adoption test in ${workDir}`);
  await step('yarn 4 from the npm registry', ensureYarn);
  await step('our tarballs', findTarballs);
  await step(
    'the recorder and the table tool install from their tarballs',
    installTools,
    ['our tarballs'],
  );
  await step(
    `embedded DynamoDB (dynalite) on :${DYNAMODB_PORT}`,
    startDynamoDb,
    ['the recorder and the table tool install from their tarballs'],
  );
  await step('the table tool creates the table', createTable, [
    `embedded DynamoDB (dynalite) on :${DYNAMODB_PORT}`,
  ]);
  await Promise.all(kinds.map(kind => adopt(kind)));
  say(
    `\nVersions: create-app ${versions.createApp}, Backstage ${versions.backstage}${versions.bumped ? ` (bumped app: ${versions.bumped}, by ${versions.bumpedBy})` : ''}, yarn ${versions.yarn}, Node ${process.version}`,
  );
  appendFileSync(
    join(workDir, 'versions.json'),
    `${JSON.stringify({ ...versions, node: process.version, date: new Date().toISOString() })}\n`,
  );
  finish();
}

main().catch(error => {
  say(
    `✗ the adoption test itself failed: ${error instanceof Error ? error.stack : error}`,
  );
  results.push({ name: 'the adoption test runs', ok: false, seconds: 0 });
  finish(1);
});
