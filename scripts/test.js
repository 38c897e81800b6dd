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
// The stages run one after another, or in two lanes side by side (see LANES): then the browser
// lane's output is shown as it comes, the other's is kept in test-results/<stage>.log and shown when
// each of its stages ends.
// Each stage's time and processor use (cores busy on average) are printed at the end.
// System tools the tests need (Java, the AWS CLI, chromium) are checked first; `.ci/run` installs
// them on a fresh machine.
// `npm test -- <jest args>` runs the first stage only, with the args, e.g. a path filter.
const { spawn, spawnSync } = require('node:child_process');
const {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
} = require('node:fs');
const { delimiter, join } = require('node:path');
const { buildNativeModulesFor, nodeVersion } = require('./native-modules');

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

const slug = name => name.replace(/[^A-Za-z0-9.]+/g, '-').toLowerCase();

/**
 * Runs `command` to its end, its output shown (`shown`) or kept in test-results/<stage>.log and
 * shown when it ends; answers its exit status, and its wall time and processor use as printed.
 */
function run(stageName, command, args, { env = {}, shown }) {
  const cpuFile = join(results, `${slug(stageName)}.cpu`);
  const logFile = join(results, `${slug(stageName)}.log`);
  const startedAt = Date.now();
  return new Promise(resolve => {
    const child = spawn(
      process.execPath,
      [join(__dirname, 'cpu-of.js'), cpuFile, command, ...args],
      {
        cwd: root,
        stdio: shown ? 'inherit' : ['ignore', 'pipe', 'pipe'],
        // CI=true keeps Backstage's test command from staying in watch mode after the run.
        env: { ...process.env, CI: 'true', ...env },
      },
    );
    if (!shown) {
      const log = createWriteStream(logFile);
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    }
    child.on('close', status => {
      const seconds = (Date.now() - startedAt) / 1000;
      const cpu = existsSync(cpuFile)
        ? Number(readFileSync(cpuFile, 'utf8'))
        : 0;
      if (!shown) {
        console.log(
          `\n--- ${stageName}, run beside the other lane, ended: its output (${logFile})`,
        );
        process.stdout.write(readFileSync(logFile));
        console.log(`--- end of ${stageName}'s output\n`);
      }
      resolve({
        status,
        time: `${(seconds / 60).toFixed(1)} min, ${(cpu / seconds).toFixed(1)} cores`,
      });
    });
  });
}

async function jest(name, args, { env, shown }) {
  const outputFile = join(results, `${slug(name)}.json`);
  rmSync(outputFile, { force: true });
  const { status, time } = await run(
    name,
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
    { env, shown },
  );
  if (!existsSync(outputFile)) {
    return {
      name,
      time,
      passed: 0,
      failed: 1,
      note: `jest exited ${status} without results`,
    };
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  const failedSuites = report.numRuntimeErrorTestSuites ?? 0;
  return {
    name,
    time,
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    note: status === 0 ? '' : `exit ${status}`,
  };
}

/**
 * A Playwright stage, `npm run <script>`, counted from its JSON report: the browser tests (`e2e`,
 * test-results/e2e.json) and the adoption test (`test:adoption`, test-results/adoption.json).
 * `skippedFail`: a test skipped because one before it failed (serial steps, a failed shared project)
 * counts as failed; the adoption test skips nothing on purpose.
 */
async function playwrightStage(
  name,
  script,
  report,
  { skippedFail = false, env, shown },
) {
  const outputFile = join(results, report);
  rmSync(outputFile, { force: true });
  const { status, time } = await run(name, 'npm', ['run', '--silent', script], {
    env,
    shown,
  });
  if (!existsSync(outputFile)) {
    return {
      name,
      time,
      passed: 0,
      failed: 1,
      note: `exit ${status}, no report`,
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
    time,
    passed: stats.expected,
    failed: failed + (status !== 0 && failed === 0 ? 1 : 0),
    note: status === 0 ? '' : `exit ${status}`,
  };
}

/** Runs each lane's stages one after another, the lanes side by side; answers every stage. */
async function runLanes(lanes) {
  const done = await Promise.all(
    lanes.map(async (lane, index) => {
      const stages = [];
      for (const stage of lane)
        stages.push(await stage({ shown: index === 0 }));
      return stages;
    }),
  );
  return done.flat();
}

async function main() {
  mkdirSync(results, { recursive: true });
  if (focused) {
    return [
      await jest(
        `unit (Node ${process.version})`,
        [...extraArgs, ...withoutStreamSuites],
        { shown: true },
      ),
    ];
  }
  checkSystemTools();
  const current = process.version;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const node22 = process.env.WORKFLOW_ORDERS_NODE22_BIN;
  // The catalog backend that some suites start keeps its data in better-sqlite3, a native module.
  const restoreNativeModules = node22
    ? buildNativeModulesFor(node22)
    : () => {};

  // With two lanes the unit suites run beside the browser tests, one jest worker at a time.
  const unitWorkers = LANES === 2 ? ['--maxWorkers=1'] : [];
  const unit = [
    ({ shown }) =>
      jest(`unit (Node ${current})`, [...unitWorkers, ...withoutStreamSuites], {
        shown,
      }),
  ];
  if (node22) {
    const onNode22 = { PATH: `${node22}${delimiter}${process.env.PATH}` };
    unit.push(({ shown }) =>
      jest(
        `unit (Node ${nodeVersion(node22)})`,
        [...unitWorkers, ...withoutStreamSuites],
        { env: onNode22, shown },
      ),
    );
  }
  const browser = pkg.scripts?.e2e
    ? [({ shown }) => playwrightStage('browser', 'e2e', 'e2e.json', { shown })]
    : [];
  const rest = [
    // DynamoDB Local runs on Java in a child process; jest keeps waiting after such runs even
    // though every suite stops its engine, so this stage exits as soon as the results are in.
    ({ shown }) =>
      jest(
        `dynamodb-local (Node ${current})`,
        ['--testPathPatterns', 'dynamodb', '--forceExit'],
        { env: { WORKFLOW_ORDERS_TEST_DYNAMODB: 'dynamodb-local' }, shown },
      ),
    // The local portal's backend built and started with NODE_ENV=production: what its error bodies
    // and headers show a client.
    ({ shown }) =>
      jest(
        `production mode (Node ${current})`,
        ['--testPathPatterns', '\\.production\\.'],
        { shown },
      ),
  ];
  if (pkg.scripts?.['test:adoption']) {
    rest.push(({ shown }) =>
      playwrightStage('adoption', 'test:adoption', 'adoption.json', {
        skippedFail: true,
        shown,
      }),
    );
  }
  try {
    if (LANES !== 2) return await runLanes([[...unit, ...rest, ...browser]]);
    return [...(await runLanes([browser, unit])), ...(await runLanes([rest]))];
  } finally {
    restoreNativeModules();
  }
}

// 1 (default): every stage in turn. 2 (WORKFLOW_ORDERS_TEST_LANES=2, more than two cores): browser
// tests beside both unit suites, then the rest; on 2 cores they slowed each other past test deadlines.
const LANES = Number(process.env.WORKFLOW_ORDERS_TEST_LANES ?? 1);

main().then(stages => {
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
});
