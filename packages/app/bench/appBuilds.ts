/*
 * The app's production build, and the copy of the app without the plugin that the benchmark builds
 * beside it: a copy of this package under `<repo>/.local/` (git-ignored) whose sources no longer
 * import the plugin and whose package.json no longer depends on it, so `app.packages: all` does not
 * discover it either; the app itself is left as it is.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** This package. */
export const APP_DIR = resolve(__dirname, '..');
const ROOT = resolve(APP_DIR, '../..');
/** Where the copy of the app without the plugin is built. */
export const WITHOUT_DIR = join(
  ROOT,
  '.local',
  'bench-app-without-workflow-orders',
);
const PLUGIN = '@workflow-orders/plugin-workflow-orders';
const BACKSTAGE_CLI = require.resolve('@backstage/cli/bin/backstage-cli');

/** Builds the app in `dir` for production (`dir/dist`); its output is shown only when it fails. */
export async function build(dir: string, label: string) {
  process.stdout.write(`Building the app ${label}…\n`);
  const output: Buffer[] = [];
  const child = spawn(process.execPath, [BACKSTAGE_CLI, 'package', 'build'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', chunk => output.push(chunk));
  child.stderr.on('data', chunk => output.push(chunk));
  const code = await new Promise<number | null>(ok => child.on('exit', ok));
  if (code !== 0) {
    process.stderr.write(Buffer.concat(output));
    throw new Error(`The build of the app ${label} failed (exit ${code})`);
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

/** A source of the app without its imports of the plugin and their names in its lists. */
function stripPluginImports(source: string): string {
  const imports = new RegExp(
    `import\\s*\\{([^}]*)\\}\\s*from\\s*'${PLUGIN}(?:/[\\w-]+)?';\\n?`,
    'g',
  );
  const names = [...source.matchAll(imports)].flatMap(([, list]) =>
    list.split(',').map(name => name.trim()),
  );
  let result = source.replace(imports, '');
  for (const name of names.filter(Boolean)) {
    result = result.replace(new RegExp(`,\\s*${name}\\b|\\b${name}\\s*,`), '');
    if (new RegExp(`\\b${name}\\b`).test(result)) {
      throw new Error(`${name} of ${PLUGIN} is used beyond a list of features`);
    }
  }
  return result;
}

/** A copy of what the build of the app reads (its tests left out), without the plugin. */
export function copyWithoutPlugin() {
  rmSync(WITHOUT_DIR, { recursive: true, force: true });
  cpSync(join(APP_DIR, 'public'), join(WITHOUT_DIR, 'public'), {
    recursive: true,
  });
  cpSync(join(APP_DIR, 'src'), join(WITHOUT_DIR, 'src'), {
    recursive: true,
    filter: path => !/\.test\.tsx?$/.test(path),
  });
  const pkg = JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8'));
  delete pkg.dependencies[PLUGIN];
  writeFileSync(
    join(WITHOUT_DIR, 'package.json'),
    `${JSON.stringify(pkg, null, 2)}\n`,
  );
  for (const file of sourceFiles(join(WITHOUT_DIR, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const stripped = stripPluginImports(source);
    if (stripped.includes('workflow-orders/plugin')) {
      throw new Error(
        `Could not take ${PLUGIN} out of ${relative(WITHOUT_DIR, file)}; teach stripPluginImports() its import`,
      );
    }
    if (stripped !== source) writeFileSync(file, stripped);
  }
}
