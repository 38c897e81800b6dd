/*
 * The steps every app shares, run once before the apps: yarn 4, our tarballs, the engine side (the
 * recorder and the table tool installed from their tarballs in an empty folder), the table; and the
 * order each app's engine records. What the apps need from them is kept in the run's `state.json`.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { readmeCommand } from './snippets';
import {
  CACHE,
  CREDENTIALS,
  ENDPOINT,
  engineDir,
  type Kind,
  note,
  PACKAGES,
  REGION,
  ROOT,
  sh,
  TABLE,
  WORKFLOW,
  workDir,
  YARN_DIR,
} from './settings';

/** What the shared steps found, for the apps' workers. */
export interface RunState {
  /** Tarball of each of our packages, by package name. */
  tarballs: Record<string, string>;
  /** The name the table tool is packed under. */
  tablePackage: string;
  yarn: string;
}

const statePath = () => join(workDir(), 'state.json');

/** The state the shared steps have written so far. */
export function readState(): Partial<RunState> {
  return existsSync(statePath())
    ? JSON.parse(readFileSync(statePath(), 'utf8'))
    : {};
}

function saveState(change: Partial<RunState>) {
  writeFileSync(
    statePath(),
    `${JSON.stringify({ ...readState(), ...change }, null, 2)}\n`,
  );
}

/** The tarballs of our packages, once the shared steps found them. */
export function tarballs(): Record<string, string> {
  const found = readState().tarballs;
  if (!found)
    throw new Error('no tarballs: the shared steps did not find them');
  return found;
}

/** Installs yarn 4 from the npm registry into the cache (once) and returns its version. */
export async function ensureYarn(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(YARN_DIR, 'node_modules', '.bin', 'yarn'))) {
    await sh(
      `npm install --prefix ${YARN_DIR} --no-audit --no-fund @yarnpkg/cli-dist@4`,
      { cwd: CACHE, log: 'yarn' },
    );
  }
  const yarn = (await sh('yarn --version', { cwd: CACHE, log: 'yarn' })).trim();
  saveState({ yarn });
  return yarn;
}

/** Packs our packages (or takes `ADOPTION_PACKS`) and copies the tarballs into the run's folder. */
export async function findTarballs(): Promise<Record<string, string>> {
  let dir = process.env.ADOPTION_PACKS;
  if (!dir) {
    await sh('npm run --silent pack', { cwd: ROOT, log: 'pack' });
    dir = join(ROOT, 'dist-packs');
  }
  const packDir = join(workDir(), 'packs');
  mkdirSync(packDir, { recursive: true });
  const found: Record<string, string> = {};
  for (const file of readdirSync(dir).filter(name => name.endsWith('.tgz'))) {
    const manifest = spawnSync(
      'tar',
      ['-xzOf', join(dir, file), 'package/package.json'],
      { encoding: 'utf8' },
    );
    if (manifest.status !== 0) continue;
    const { name } = JSON.parse(manifest.stdout);
    copyFileSync(join(dir, file), join(packDir, file));
    found[name] = join(packDir, file);
  }
  // Until the rename lands the table tool may still be packed as @workflow-orders/dynamodb.
  const tablePackage =
    !found[PACKAGES.table] && found['@workflow-orders/dynamodb']
      ? '@workflow-orders/dynamodb'
      : PACKAGES.table;
  const wanted = { ...PACKAGES, table: tablePackage };
  const missing = Object.values(wanted).filter(name => !found[name]);
  if (missing.length > 0) {
    throw new Error(`no tarball of ${missing.join(', ')} in ${dir}`);
  }
  saveState({ tarballs: found, tablePackage });
  note(`tarballs: ${Object.keys(found).join(', ')} (${dir})`);
  return found;
}

/** The recorder and the table tool from their tarballs, in an empty folder, as an engine has them. */
export async function installTools(): Promise<void> {
  const { tarballs: packs = {}, tablePackage = PACKAGES.table } = readState();
  const file = (name: string) => `file:${packs[name]}`;
  mkdirSync(engineDir(), { recursive: true });
  writeFileSync(
    join(engineDir(), 'package.json'),
    `${JSON.stringify(
      {
        name: 'adoption-engine',
        private: true,
        dependencies: {
          [PACKAGES.engineHook]: file(PACKAGES.engineHook),
          [tablePackage]: file(tablePackage),
        },
        overrides: Object.fromEntries(
          Object.keys(packs).map(name => [name, file(name)]),
        ),
      },
      null,
      2,
    )}\n`,
  );
  await sh('npm install --no-audit --no-fund --loglevel=error', {
    cwd: engineDir(),
    log: 'engine-install',
  });
}

/** The README's `table create` command, pointed at the test's DynamoDB. */
export async function createTable(): Promise<void> {
  const { tablePackage = PACKAGES.table } = readState();
  const command = readmeCommand('table-create', {
    '@workflow-orders/table': tablePackage,
    'http://localhost:8001': ENDPOINT,
  });
  const output = await sh(command, { cwd: engineDir(), log: 'table-create' });
  note(`table tool: ${output.trim().split('\n').slice(-1)[0]}`);
}

/** The engine of `kind`'s workflow records one order through the recorder; returns its report. */
export async function recordOrder(kind: Kind): Promise<{ recorded: number }> {
  const workflow = WORKFLOW[kind];
  const script = join(engineDir(), `record-${kind}.js`);
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
recorder.flush().then(report => console.log(JSON.stringify(report)));\n`,
  );
  const output = await sh(`node ${script}`, {
    cwd: engineDir(),
    log: `${kind}-record`,
  });
  const last = output.trim().split('\n').slice(-1)[0];
  note(`recorder: ${last}`);
  return JSON.parse(last);
}
