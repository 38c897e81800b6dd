#!/usr/bin/env node
// Runs the `bench` script of every workspace that has one, one after another, so each benchmark
// prints its own comparison table measured in one run.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const workspaces = Object.keys(lock.packages)
  .filter(path => /^(packages|plugins)\/[^/]+$/.test(path))
  .sort();

let failed = 0;
for (const workspace of workspaces) {
  const pkg = JSON.parse(
    readFileSync(join(root, workspace, 'package.json'), 'utf8'),
  );
  if (!pkg.scripts?.bench) continue;
  process.stdout.write(`\n=== ${pkg.name} ===\n`);
  try {
    execFileSync('npm', ['run', '--silent', 'bench'], {
      cwd: join(root, workspace),
      stdio: 'inherit',
    });
  } catch {
    failed += 1;
  }
}
process.exit(failed ? 1 : 0);
