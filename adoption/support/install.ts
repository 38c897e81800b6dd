/*
 * Installing: the app's own `yarn install` (our tarballs standing in for the registry), then our
 * packages added with the README's `yarn add` commands.
 */
import { join } from 'node:path';
import { tarballs } from './engine';
import { readmeCommand } from './snippets';
import { alignBackendDefaults, installed, keepCopiesBefore } from './versions';
import { appDir, type Kind, note, readJson, sh, writeJson } from './settings';

/**
 * Dependencies of a create-app app whose native add-ons its backend, its build and our checks never
 * load, so the install does not compile them (`dependenciesMeta.<name>.built: false`): the
 * tree-sitter parsers of the API docs plugin's server side, ssh2's optional crypto binding (and the
 * cpu-features it uses) of the TechDocs Docker generator, keytar of the CLI's login, and a telemetry
 * hook. better-sqlite3 (the backend's database), esbuild and swc (the builds) are built as before.
 */
const UNLOADED_NATIVE_BUILDS = [
  'tree-sitter',
  'tree-sitter-json',
  '@tree-sitter-grammars/tree-sitter-yaml',
  'ssh2',
  'cpu-features',
  'keytar',
  '@scarf/scarf',
];

/** `yarn install` in the app, with our package names resolving to their tarballs wherever needed. */
export async function install(kind: Kind): Promise<void> {
  const dir = appDir(kind);
  const manifest = readJson(join(dir, 'package.json'));
  manifest.resolutions = {
    ...manifest.resolutions,
    ...Object.fromEntries(
      Object.entries(tarballs()).map(([name, path]) => [name, `file:${path}`]),
    ),
  };
  manifest.dependenciesMeta = {
    ...manifest.dependenciesMeta,
    ...Object.fromEntries(
      UNLOADED_NATIVE_BUILDS.map(name => [name, { built: false }]),
    ),
  };
  writeJson(join(dir, 'package.json'), manifest);
  await alignBackendDefaults(kind);
  await sh('yarn install', { cwd: dir, log: `${kind}-install` });
  keepCopiesBefore(kind);
  const version = (name: string) => installed(dir, `@backstage/${name}`);
  note(
    `installed: backend-defaults ${version('backend-defaults')}, backend-plugin-api ${version('backend-plugin-api')}, frontend-plugin-api ${version('frontend-plugin-api')}, plugin-catalog ${version('plugin-catalog')}`,
  );
}

/**
 * Runs the README's `yarn add` of `snippetName` for our package `name` (from its tarball); returns
 * the dependencies of the workspace it adds to.
 */
export async function addPackage(
  kind: Kind,
  snippetName: 'backend-add' | 'app-add',
  name: string,
): Promise<Record<string, string>> {
  const command = readmeCommand(snippetName, {
    [name]: `${name}@file:${tarballs()[name]}`,
  });
  await sh(command, { cwd: appDir(kind), log: `${kind}-${snippetName}` });
  const workspace = snippetName === 'backend-add' ? 'backend' : 'app';
  return (
    readJson(join(appDir(kind), 'packages', workspace, 'package.json'))
      .dependencies ?? {}
  );
}
