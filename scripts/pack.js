#!/usr/bin/env node
// `npm run pack`: builds the published packages as Backstage publishes them and writes their tarballs
// to dist-packs/. The root `tsc` emits the declarations (dist-types/), `backstage-cli package build`
// bundles each package into dist/, and `npm pack` runs each package's prepack (publishConfig swapped
// in) and postpack (restored) scripts around the packing. Each tarball is then checked: nothing of
// src/ or tests inside, and no @backstage dependency where an engine or a Lambda installs it.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'dist-packs');

const PACKAGES = [
  { dir: 'packages/order-vocabulary', noBackstage: true },
  { dir: 'plugins/workflow-orders-common' },
  { dir: 'packages/table', noBackstage: true, needs: ['bin/', 'deploy/'] },
  { dir: 'packages/engine-hook', noBackstage: true },
  { dir: 'packages/stream-projector', noBackstage: true },
  { dir: 'plugins/workflow-orders-backend', needs: ['config.schema.json'] },
  { dir: 'plugins/workflow-orders', needs: ['dist/alpha'] },
];

/** Our packages that may depend on Backstage, by name. */
const WITH_BACKSTAGE = new Set(
  PACKAGES.filter(pkg => !pkg.noBackstage).map(
    pkg => require(join(root, pkg.dir, 'package.json')).name,
  ),
);

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(
      `${command} ${args.join(' ')} failed in ${relative(root, cwd) || '.'}`,
    );
    process.exit(result.status ?? 1);
  }
}

function capture(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error(
      `${command} ${args.join(' ')} failed in ${relative(root, cwd) || '.'}`,
    );
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

/** The tarball's files (without the `package/` prefix) and its packaged package.json. */
function contentsOf(tarball) {
  const files = capture('tar', ['tzf', tarball])
    .split('\n')
    .filter(line => line && !line.endsWith('/'))
    .map(line => line.replace(/^package\//, ''));
  const manifest = JSON.parse(
    capture('tar', ['xzOf', tarball, 'package/package.json']),
  );
  return { files, manifest };
}

function problemsOf(pkg, { files, manifest }) {
  const problems = [];
  for (const file of files) {
    if (file.startsWith('src/')) problems.push(`ships ${file}`);
    if (/\.test\.[jt]sx?$|__testUtils__|__mocks__/.test(file)) {
      problems.push(`ships test file ${file}`);
    }
  }
  if (!files.some(file => file.startsWith('dist/'))) {
    problems.push('has no dist/');
  }
  for (const need of pkg.needs ?? []) {
    if (!files.some(file => file.startsWith(need))) {
      problems.push(`lacks ${need}`);
    }
  }
  for (const field of ['main', 'types']) {
    const target = manifest[field];
    if (target && !files.includes(target.replace(/^\.\//, ''))) {
      problems.push(`${field} ${target} is not in the tarball`);
    }
  }
  if (pkg.noBackstage) {
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (name.startsWith('@backstage/')) problems.push(`depends on ${name}`);
      // Through one of ours, Backstage would come along all the same.
      if (WITH_BACKSTAGE.has(name)) {
        problems.push(`depends on ${name}, which depends on Backstage`);
      }
    }
  }
  return problems;
}

const kB = bytes => `${(bytes / 1024).toFixed(1)} kB`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

console.log('--- tsc (declarations into dist-types/)');
run('npx', ['tsc', '--incremental', 'false']);

const packed = [];
for (const pkg of PACKAGES) {
  const cwd = join(root, pkg.dir);
  console.log(`--- ${pkg.dir}: build`);
  run('npx', ['backstage-cli', 'package', 'build'], cwd);
  console.log(`--- ${pkg.dir}: pack (prepack and postpack run around it)`);
  run('npm', ['pack', '--silent', '--pack-destination', out], cwd);
}

let failed = false;
console.log('\nTarballs in dist-packs/:');
for (const name of readdirSync(out)
  .filter(file => file.endsWith('.tgz'))
  .sort()) {
  const tarball = join(out, name);
  const contents = contentsOf(tarball);
  const pkg = PACKAGES.find(
    candidate =>
      require(join(root, candidate.dir, 'package.json')).name ===
      contents.manifest.name,
  );
  const problems = pkg
    ? problemsOf(pkg, contents)
    : ['is not a published package'];
  packed.push(name);
  console.log(
    `  ${name.padEnd(56)} ${kB(statSync(tarball).size).padStart(9)}  ${contents.files.length} files`,
  );
  for (const problem of problems) {
    console.log(`    problem: ${contents.manifest.name} ${problem}`);
    failed = true;
  }
}
if (packed.length !== PACKAGES.length) {
  console.log(`  expected ${PACKAGES.length} tarballs, found ${packed.length}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
