#!/usr/bin/env node
// Runs every test of the repo and ends with one line `N passed, N failed`:
//   1. all jest suites against the embedded DynamoDB (dynalite), but the `*.dynamodb-streams.test.ts`
//      suites, which read a table's real stream and dynalite has none;
//   2. the DynamoDB-level suites (`*.dynamodb*.test.ts`) again against AWS DynamoDB Local (Java), so
//      the behaviour is proven on AWS's own implementation too, with the stream suites;
//   3. the local portal's backend, built and started as production runs it (`*.production.test.ts`);
//   4. the browser tests of the local portal (Debian's chromium);
//   5. the adoption test (Playwright, adoption/playwright.config.ts): fresh Backstage apps, as
//      create-app makes them, install our packages;
//   6. the jest suites once more on a second Node version, when WORKFLOW_ORDERS_NODE22_BIN names the
//      bin folder of a Node 22 install (CI sets it; the other stages run on the Node that runs this).
// System tools the tests need (Java, the AWS CLI, chromium) are checked first; `.ci/run` installs
// them on a fresh machine.
// `npm test -- <jest args>` runs the first stage only, with the args, e.g. a path filter.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, existsSync, rmSync } = require('node:fs');
const { delimiter, dirname, join } = require('node:path');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
const extraArgs = process.argv.slice(2);
const focused = extraArgs.length > 0;
const started = Date.now();
// Last on the command line: jest takes the words after an array option as more of its values.
const withoutStreamSuites = [
  '--testPathIgnorePatterns',
  '/node_modules/',
  '\\.dynamodb-streams\\.',
  '\\.production\\.',
];

/** Native modules the suites load, built for one Node version at a time. */
const NATIVE_MODULES = ['better-sqlite3'];

const SYSTEM_TOOLS = [
  {
    command: 'java',
    apt: 'openjdk-17-jre-headless',
    why: 'AWS DynamoDB Local',
  },
  { command: 'aws', apt: 'awscli', why: 'the quickstart AWS CLI tests' },
  { command: 'chromium', apt: 'chromium', why: 'the browser tests' },
];

const has = command =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

function checkSystemTools() {
  const missing = SYSTEM_TOOLS.filter(tool => !has(tool.command));
  if (missing.length === 0) return;
  const needs = missing.map(tool => `${tool.command} (${tool.why})`);
  const packages = missing.map(tool => tool.apt).join(' ');
  console.error(
    `Missing ${needs.join(', ')}. Install with: sudo apt-get install -y ${packages}`,
  );
  process.exit(1);
}

/** Processor seconds used by this script's finished child processes (Linux; 0 elsewhere). */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime, fields 16 and 17 of proc(5), counted from the third field on.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** Runs `run` and adds its wall time and processor use to the stage it returns. */
function timed(run) {
  const startedAt = Date.now();
  const cpuBefore = childCpuSeconds();
  const stage = run();
  const seconds = (Date.now() - startedAt) / 1000;
  const cpu = childCpuSeconds() - cpuBefore;
  return {
    ...stage,
    time: `${(seconds / 60).toFixed(1)} min, ${(cpu / seconds).toFixed(1)} cores`,
  };
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
    {
      cwd: root,
      stdio: 'inherit',
      // CI=true keeps Backstage's test command from staying in watch mode after the run.
      env: { ...process.env, CI: 'true', ...env },
    },
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

/**
 * A Playwright stage, `npm run <script>`, counted from its JSON report: the browser tests (`e2e`,
 * test-results/e2e.json) and the adoption test (`test:adoption`, test-results/adoption.json).
 * `skippedFail`: a test skipped because one before it failed (serial steps, a failed shared project)
 * counts as failed; the adoption test skips nothing on purpose.
 */
function playwrightStage(name, script, report, { skippedFail = false } = {}) {
  const outputFile = join(results, report);
  rmSync(outputFile, { force: true });
  const run = spawnSync('npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true' },
  });
  if (!existsSync(outputFile)) {
    return {
      name,
      passed: 0,
      failed: 1,
      note: `exit ${run.status}, no report`,
    };
  }
  const { stats, errors = [] } = JSON.parse(readFileSync(outputFile, 'utf8'));
  // A global setup that failed (the portal did not start) is an error, not a failed test.
  const failed =
    stats.unexpected +
    stats.flaky +
    errors.length +
    (skippedFail ? stats.skipped : 0);
  return {
    name,
    passed: stats.expected,
    failed: failed + (run.status !== 0 && failed === 0 ? 1 : 0),
    note: run.status === 0 ? '' : `exit ${run.status}`,
  };
}

/** Builds the native modules again for the Node on `env`'s PATH, with that Node's headers. */
function rebuildNativeModules(env, nodeDir) {
  const run = spawnSync('npm', ['rebuild', ...NATIVE_MODULES], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env, npm_config_nodedir: nodeDir },
  });
  if (run.status !== 0) {
    console.error(`npm rebuild ${NATIVE_MODULES.join(' ')} failed`);
  }
}

function nodeVersion(binDir) {
  return spawnSync(join(binDir, 'node'), ['--version'], {
    encoding: 'utf8',
  }).stdout.trim();
}

mkdirSync(results, { recursive: true });
if (!focused) checkSystemTools();

const current = process.version;
const stages = [
  timed(() =>
    jest(`unit (Node ${current})`, [...extraArgs, ...withoutStreamSuites]),
  ),
];
if (!focused) {
  stages.push(
    // DynamoDB Local runs on Java in a child process; jest keeps waiting after such runs even
    // though every suite stops its engine, so this stage exits as soon as the results are in.
    timed(() =>
      jest(
        `dynamodb-local (Node ${current})`,
        ['--testPathPatterns', 'dynamodb', '--forceExit'],
        { WORKFLOW_ORDERS_TEST_DYNAMODB: 'dynamodb-local' },
      ),
    ),
  );
  // The local portal's backend built and started with NODE_ENV=production: what its error bodies
  // and headers show a client.
  stages.push(
    timed(() =>
      jest(`production mode (Node ${current})`, [
        '--testPathPatterns',
        '\\.production\\.',
      ]),
    ),
  );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.scripts?.e2e) {
    stages.push(timed(() => playwrightStage('browser', 'e2e', 'e2e.json')));
  }
  if (pkg.scripts?.['test:adoption']) {
    stages.push(
      timed(() =>
        playwrightStage('adoption', 'test:adoption', 'adoption.json', {
          skippedFail: true,
        }),
      ),
    );
  }
  const node22 = process.env.WORKFLOW_ORDERS_NODE22_BIN;
  if (node22) {
    const onNode22 = { PATH: `${node22}${delimiter}${process.env.PATH}` };
    // The catalog backend that some suites start keeps its data in better-sqlite3, a native module
    // built for one Node version: built for Node 22 for this stage, and back for this Node after it.
    rebuildNativeModules(onNode22, dirname(node22));
    stages.push(
      timed(() =>
        jest(
          `unit (Node ${nodeVersion(node22)})`,
          withoutStreamSuites,
          onNode22,
        ),
      ),
    );
    rebuildNativeModules({}, dirname(dirname(process.execPath)));
  }
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\nTest stages (${minutes} min):`);
for (const stage of stages) {
  console.log(
    `  ${stage.name.padEnd(28)} ${stage.passed} passed, ${stage.failed} failed (${stage.time}) ${stage.note}`.trimEnd(),
  );
}
const passed = stages.reduce((sum, stage) => sum + stage.passed, 0);
const failed = stages.reduce((sum, stage) => sum + stage.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
