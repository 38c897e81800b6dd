#!/usr/bin/env node
// Fails when the install holds more than one copy of a Backstage framework package: a second
// copy of `@backstage/frontend-plugin-api` or `@backstage/core-plugin-api` means API refs and
// contexts that are not shared, and an adopter on the same release would get it from us too.
// Reads what npm installed (package-lock.json's `packages`, which mirrors node_modules) and the
// workspaces' own node_modules folders, so it needs no network.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

const versions = new Map();
for (const [path, entry] of Object.entries(lock.packages)) {
  const match = path.match(/(?:^|\/)node_modules\/(@backstage\/[^/]+)$/);
  if (!match || entry.link) continue;
  const places = versions.get(match[1]) ?? new Map();
  const where = path.slice(0, -match[0].length) || '.';
  places.set(entry.version, [...(places.get(entry.version) ?? []), where]);
  versions.set(match[1], places);
}

const problems = [];
for (const [name, places] of versions) {
  if (places.size > 1) {
    const found = [...places].map(([v, at]) => `${v} (${at.join(', ')})`);
    problems.push(`${name}: ${found.join(' and ')}`);
  }
}

for (const folder of ['packages', 'plugins']) {
  for (const workspace of readdirSync(join(root, folder))) {
    const nested = join(root, folder, workspace, 'node_modules', '@backstage');
    if (existsSync(nested)) {
      for (const name of readdirSync(nested)) {
        problems.push(`@backstage/${name} is nested under ${folder}/${workspace}`);
      }
    }
  }
}

const release = JSON.parse(
  readFileSync(join(root, 'backstage.json'), 'utf8'),
).version;
if (problems.length > 0) {
  console.error(
    `More than one copy of ${problems.length} Backstage package(s) (release ${release}):\n  ${problems.join('\n  ')}\n` +
      'Move every @backstage/* dependency to the versions of one release, or add an override ' +
      "for a package that Backstage's release still publishes against the previous line.",
  );
  process.exit(1);
}
console.log(
  `Backstage ${release}: one copy of each of ${versions.size} @backstage/* packages.`,
);
