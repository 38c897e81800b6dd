#!/usr/bin/env node
// Runs every test of the repo and ends with one line `N passed, N failed`:
//   1. all jest suites against the embedded DynamoDB (dynalite);
//   2. the DynamoDB-level suites again against AWS DynamoDB Local (Java), so the behaviour is proven
//      on AWS's own implementation too;
//   3. the browser tests of the local portal (Debian's chromium).
// System tools the tests need (Java, the AWS CLI, chromium) are installed with apt-get when missing
// and this runs as root; otherwise the command to run is printed.
// `npm test -- <jest args>` passes the args to the first stage only, e.g. a path filter.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
const extraArgs = process.argv.slice(2);
const focused = extraArgs.length > 0;

const SYSTEM_TOOLS = [
  {
    command: 'java',
    apt: 'openjdk-17-jre-headless',
    why: 'AWS DynamoDB Local',
  },
  { command: 'aws', apt: 'awscli', why: 'the quickstart AWS CLI tests' },
  { command: 'chromium', apt: 'chromium', why: 'the browser tests' },
];

// CI=true keeps Backstage's test command from staying in watch mode after the run; the AWS SDK's
// notice that Node 22 will be needed in 2027 would repeat in every suite.
const QUIET = { CI: 'true' };

const has = command =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

function ensureSystemTools() {
  const missing = SYSTEM_TOOLS.filter(tool => !has(tool.command));
  if (missing.length === 0) return;
  const packages = missing.map(tool => tool.apt);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has('apt-get')) {
    const needs = missing
      .map(tool => `${tool.command} (${tool.why})`)
      .join(', ');
    console.error(
      `Missing ${needs}. Install with: sudo apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ['apt-get', ['update', '-qq']],
    [
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...packages],
    ],
  ];
  for (const [command, args] of steps) {
    if (spawnSync(command, args, { stdio: 'inherit', env }).status !== 0) {
      console.error(`${command} ${args.join(' ')} failed`);
      process.exit(1);
    }
  }
}

function jest(name, args, env = {}) {
  const outputFile = join(results, `${name}.json`);
  const run = spawnSync(
    'npx',
    [
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${outputFile}`,
      ...args,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...QUIET, ...env } },
  );
  if (!existsSync(outputFile)) {
    return {
      name,
      passed: 0,
      failed: 1,
      note: `jest exited ${run.status} without results`,
    };
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  const failedSuites = report.numRuntimeErrorTestSuites ?? 0;
  return {
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    note: run.status === 0 ? '' : `exit ${run.status}`,
  };
}

function e2e() {
  const run = spawnSync('npm', ['run', '--silent', 'e2e'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(run.stdout ?? '');
  const lines = (run.stdout ?? '').trim().split('\n').reverse();
  const closing = lines
    .map(l => /(\d+) passed, (\d+) failed/.exec(l))
    .find(Boolean);
  if (!closing)
    return {
      name: 'e2e',
      passed: 0,
      failed: 1,
      note: `exit ${run.status}, no summary`,
    };
  const failed =
    Number(closing[2]) + (run.status === 0 ? 0 : Number(closing[2]) ? 0 : 1);
  return { name: 'e2e', passed: Number(closing[1]), failed, note: '' };
}

mkdirSync(results, { recursive: true });
if (!focused) ensureSystemTools();

const stages = [jest('unit', extraArgs)];
if (!focused) {
  stages.push(
    // DynamoDB Local runs on Java in a child process; jest keeps waiting after such runs even
    // though every suite stops its engine, so this stage exits as soon as the results are in.
    jest('dynamodb-local', ['--testPathPatterns', 'dynamodb', '--forceExit'], {
      WORKFLOW_ORDERS_TEST_DYNAMODB: 'dynamodb-local',
    }),
  );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.scripts?.e2e) stages.push(e2e());
}

console.log('\nTest stages:');
for (const stage of stages) {
  console.log(
    `  ${stage.name.padEnd(16)} ${stage.passed} passed, ${stage.failed} failed ${stage.note}`.trimEnd(),
  );
}
const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
const failed = stages.reduce((sum, stage) => sum + stage.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
