/*
 * Versions: which @backstage packages an app has in more than one version (before and after our
 * packages), the backend-defaults an app needs before it installs, and the versions each app ran
 * on, kept for the run's summary.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import {
  appDir,
  type Kind,
  note,
  readJson,
  sh,
  workDir,
  writeJson,
} from './settings';

/** The versions an app ran on, as the run's summary shows them. */
export interface AppVersions {
  createApp?: string;
  backstage?: string;
  bumped?: string;
  bumpedBy?: string;
}

const versionsFile = (kind: Kind) => join(workDir(), `versions-${kind}.json`);

/** Adds to what the run knows of `kind`'s versions. */
export function recordVersions(kind: Kind, versions: AppVersions): void {
  const path = versionsFile(kind);
  const known = existsSync(path) ? readJson(path) : {};
  writeJson(path, { ...known, ...versions });
}

/** What {@link recordVersions} kept for `kind`. */
export function versionsOf(kind: Kind): AppVersions {
  const path = versionsFile(kind);
  return existsSync(path) ? readJson(path) : {};
}

/** Package versions by name. */
export type Copies = Map<string, Set<string>>;

/** The versions of each `@backstage/*` package installed under the app's node_modules. */
export function backstageVersions(dir: string): Copies {
  const found: Copies = new Map();
  const visit = (modules: string, depth: number) => {
    if (depth > 6 || !existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map(n => `${entry}/${n}`)
        : [entry];
      for (const name of names) {
        const pkgDir = join(modules, name);
        const manifest = join(pkgDir, 'package.json');
        if (name.startsWith('@backstage/') && existsSync(manifest)) {
          const versions = found.get(name) ?? new Set<string>();
          versions.add(readJson(manifest).version);
          found.set(name, versions);
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

const copiesFile = (kind: Kind) => join(workDir(), `copies-${kind}.json`);

/** Keeps the app's `@backstage/*` versions as they are before our packages. */
export function keepCopiesBefore(kind: Kind): void {
  const copies = backstageVersions(appDir(kind));
  writeFileSync(
    copiesFile(kind),
    JSON.stringify([...copies].map(([name, v]) => [name, [...v]])),
  );
}

function copiesBefore(kind: Kind): Copies {
  if (!existsSync(copiesFile(kind))) return new Map();
  const entries: [string, string[]][] = readJson(copiesFile(kind));
  return new Map(entries.map(([name, v]) => [name, new Set(v)]));
}

const inSeveralVersions = (copies: Copies) =>
  [...copies.values()].filter(v => v.size > 1).length;

/**
 * What installing our packages added: `@backstage/*` packages that now have a version more than
 * before (a second copy, or a third), with the counts of packages in more than one version.
 */
export function copiesAdded(kind: Kind) {
  const after = backstageVersions(appDir(kind));
  const before = copiesBefore(kind);
  const added = [...after]
    .filter(([name, v]) => v.size > 1 && (before.get(name)?.size ?? 1) < v.size)
    .map(([name, v]) => {
      const had = [...(before.get(name) ?? [])];
      const plus = [...v].filter(version => !had.includes(version));
      return `${name} (${plus.join(', ')} beside ${had.join(', ') || 'none before'})`;
    });
  return {
    before: inSeveralVersions(before),
    after: inSeveralVersions(after),
    added,
  };
}

/** The version of `name` the app's root node_modules holds. */
export function installed(dir: string, name: string): string | undefined {
  const path = join(dir, 'node_modules', name, 'package.json');
  return existsSync(path) ? readJson(path).version : undefined;
}

/**
 * create-app pins `@backstage/backend-defaults` to a caret range of its release, while the plugins
 * it lists resolve freely (no yarn.lock seed here), so a plugin of a newer release can need a newer
 * backend-defaults (signals-backend and `httpRouter.addWebSocketHandler`). When the newest
 * backend-defaults is outside the app's range but built against the backend-plugin-api the app gets
 * (the newest one), pin it with `resolutions` before installing.
 */
export async function alignBackendDefaults(kind: Kind): Promise<void> {
  const dir = appDir(kind);
  const range = readJson(join(dir, 'packages', 'backend', 'package.json'))
    .dependencies?.['@backstage/backend-defaults'];
  if (!range) return;
  const view = async (what: string) =>
    (await sh(`npm view ${what}`, { cwd: dir, log: `${kind}-install` })).trim();
  const latest = await view('@backstage/backend-defaults@latest version');
  if (semver.satisfies(latest, range)) return;
  const wants = await view(
    '@backstage/backend-defaults@latest dependencies.@backstage/backend-plugin-api',
  );
  const pluginApi = await view('@backstage/backend-plugin-api@latest version');
  if (!semver.satisfies(pluginApi, wants)) return;
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
