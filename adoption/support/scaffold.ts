/*
 * The app as an adopter starts it: `npx @backstage/create-app@latest`, and for the bumped kind the
 * move to our Backstage release.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readState } from './engine';
import { recordVersions } from './versions';
import {
  appDir,
  type Kind,
  note,
  readJson,
  ROOT,
  sh,
  workDir,
  writeJson,
} from './settings';

/** Scaffolds the app of `kind` with the newest create-app, without installing. */
export async function scaffold(kind: Kind): Promise<void> {
  const dir = appDir(kind);
  const flags = kind === 'legacy' ? '--legacy ' : '';
  await sh(
    `npx -y @backstage/create-app@latest ${flags}--skip-install --path ${dir}`,
    { cwd: workDir(), log: `${kind}-create-app` },
  );
  const createApp = (
    await sh('npm view @backstage/create-app@latest version', {
      cwd: workDir(),
      log: `${kind}-create-app`,
    })
  ).trim();
  const backstage = readJson(join(dir, 'backstage.json')).version;
  const packageManager = readJson(join(dir, 'package.json')).packageManager;
  recordVersions(kind, { createApp, backstage });
  note(
    `create-app ${createApp}, Backstage ${backstage}, app pins ${packageManager}; running yarn ${readState().yarn}`,
  );
}

/** Every `@backstage/*` dependency of the app's three package.json files. */
function backstageManifests(dir: string) {
  return ['', 'packages/app', 'packages/backend'].map(sub => {
    const path = join(dir, sub, 'package.json');
    return { path, manifest: readJson(path) };
  });
}

/** The last non-empty line of an error, for a one-line note. */
const lastLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .slice(-1)[0];

/**
 * Moves the app to our Backstage release the way an adopter does: `backstage-cli versions:bump
 * --release <ours>` (this repo's CLI, as the app's own is not installed yet; `--skip-install`, the
 * install is the next step). That command reads the release manifest from versions.backstage.io;
 * where it cannot (this machine reaches only the npm registry), each `@backstage/*` dependency goes
 * to the version the registry serves as `latest`, which is the current release's (the one
 * backstage.json of this repo names), and a note says that the fallback was used.
 */
export async function bumpToCurrentRelease(kind: Kind): Promise<void> {
  const dir = appDir(kind);
  const release = readJson(join(ROOT, 'backstage.json')).version;
  // versions:bump reads yarn.lock, which an app scaffolded with --skip-install does not have yet.
  const lockfile = join(dir, 'yarn.lock');
  const madeLockfile = !existsSync(lockfile);
  if (madeLockfile) writeFileSync(lockfile, '');
  const cli = join(ROOT, 'node_modules', '.bin', 'backstage-cli');
  let bumpError = '';
  try {
    await sh(`${cli} versions:bump --release ${release} --skip-install`, {
      cwd: dir,
      log: `${kind}-bump`,
      timeoutMs: 3 * 60_000,
    });
  } catch (error) {
    bumpError = lastLine(error);
  } finally {
    if (madeLockfile && readFileSync(lockfile, 'utf8') === '') {
      unlinkSync(lockfile);
    }
  }
  if (!bumpError) {
    const bumped = readJson(join(dir, 'backstage.json')).version;
    recordVersions(kind, { bumped, bumpedBy: 'versions:bump' });
    note(`bumped to Backstage ${bumped} by backstage-cli versions:bump`);
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
        const version = await sh(`npm view ${name}@latest version`, {
          cwd: dir,
          log: `${kind}-bump`,
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
  recordVersions(kind, {
    bumped: release,
    bumpedBy: "fallback: the registry's latest of each package",
  });
  note(
    `backstage-cli versions:bump --release ${release} failed here (${bumpError}; it needs versions.backstage.io, which this machine cannot reach)`,
  );
  note(
    `FALLBACK used instead of versions:bump: ${moved} @backstage/* dependencies moved to the registry's latest, which is release ${release}'s today; backstage.json says ${release}`,
  );
}
