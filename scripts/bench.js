#!/usr/bin/env node
// `npm run bench`: every workspace's benchmark, one after the other (they must not share the
// processor; each starts once the processors were idle for a second, waiting up to a minute),
// combined into one table of measure / value / target / met.
//   --json <file>   also writes the table as JSON: [{ "name", "value", "unit", "target", "met" }]
//   --only <a,b>    runs only the workspaces whose folder name is listed (e.g. engine-hook)
// Exits non-zero when a target is missed, a benchmark fails, or one of the measures below is
// missing from what the benchmarks reported. Timings are only meaningful on an idle machine.
const { spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, join } = require('node:path');

const root = join(__dirname, '..');

/** Every measure `npm run bench` must report, in the order of the table. */
const MEASURES = [
  'history_p95_ms',
  'history_later_page_items_returned',
  'history_busy_vs_idle_ratio',
  'load_req_per_s',
  'load_p99_ms',
  'load_errors',
  'list_first_default_speedup',
  'list_first_complete_speedup',
  'list_later_ms',
  'page_vs_scan_speedup',
  'page_restricted_requests',
  'page_restricted_vs_ops_ratio',
  'live_reads_500_vs_1_ratio',
  'live_signal_p95_ms',
  'live_load_drop_pct',
  'projector_records_per_s',
  'record_p99_us',
  'flush_exit_ms',
  'outage_cli_stored_once',
  'outage_lambda_stored_once',
  'outage_heap_added_mb',
  'outage_spill_mb',
  'initial_js_added_kb',
  'backfill_items_per_s_1_segment',
  'backfill_items_per_s_8_segments',
  'backfill_rcu_limit_error_pct',
];

function argument(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function workspacesWithBench() {
  const { workspaces } = JSON.parse(
    readFileSync(join(root, 'package.json'), 'utf8'),
  );
  const only = argument('--only')?.split(',');
  return workspaces
    .flatMap(pattern => {
      const parent = join(root, pattern.replace(/\/\*$/, ''));
      return readdirSync(parent).map(name => join(parent, name));
    })
    .filter(dir => existsSync(join(dir, 'package.json')))
    .filter(dir => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return Boolean(pkg.scripts?.bench);
    })
    .filter(dir => !only || only.includes(basename(dir)));
}

/** Busy and total processor time so far, from /proc/stat (undefined where there is none). */
function cpuTimes() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/**
 * Waits, up to a minute, until the processors were idle for a whole second (at most 10% busy):
 * what a benchmark left running as it ended (a JVM exiting, a browser closing, files written back)
 * must not be measured by the next. Answers the seconds waited.
 */
function settle() {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const started = Date.now();
  let before = cpuTimes();
  while (before && Date.now() - started < 60_000) {
    Atomics.wait(sleeper, 0, 0, 1000);
    const after = cpuTimes();
    const busy = (after.busy - before.busy) / (after.total - before.total || 1);
    if (busy <= 0.1) break;
    before = after;
  }
  return Math.round((Date.now() - started) / 1000);
}

function table(rows) {
  const header = ['measure', 'value', 'target', 'met', 'from'];
  const cells = rows.map(r => [
    r.name,
    r.value === null ? '—' : `${r.value} ${r.unit}`,
    r.target,
    r.met ? 'yes' : 'NO',
    r.from,
  ]);
  const width = header.map((h, c) =>
    Math.max(h.length, ...cells.map(row => row[c].length)),
  );
  const line = row =>
    row
      .map((cell, c) => cell.padEnd(width[c]))
      .join('  ')
      .trimEnd();
  return [line(header), line(width.map(w => '-'.repeat(w))), ...cells.map(line)]
    .join('\n')
    .concat('\n');
}

function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'workflow-orders-bench-'));
  const rows = [];
  const failed = [];
  for (const dir of workspacesWithBench()) {
    const from = basename(dir);
    const out = join(scratch, `${from}.json`);
    const waited = settle();
    process.stdout.write(
      `\n=== ${from} ===${waited > 1 ? ` (after ${waited} s for the processors to settle)` : ''}\n`,
    );
    const run = spawnSync('npm', ['run', 'bench', '--', '--json', out], {
      cwd: dir,
      stdio: 'inherit',
    });
    if (!existsSync(out)) {
      failed.push(`${from} reported nothing (exit ${run.status})`);
      continue;
    }
    for (const r of JSON.parse(readFileSync(out, 'utf8'))) {
      rows.push({ ...r, from });
    }
    if (run.status !== 0 && rows.every(r => r.from !== from || r.met)) {
      failed.push(`${from} exited with ${run.status}`);
    }
  }
  const selected = argument('--only') !== undefined;
  for (const name of MEASURES) {
    if (!selected && !rows.some(r => r.name === name)) {
      rows.push({
        name,
        value: null,
        unit: '',
        target: 'reported',
        met: false,
        from: '—',
      });
    }
  }
  const position = name =>
    MEASURES.includes(name) ? MEASURES.indexOf(name) : MEASURES.length;
  rows.sort((a, b) => position(a.name) - position(b.name));

  process.stdout.write(`\nBenchmarks\n${table(rows)}`);
  const json = argument('--json');
  if (json) {
    writeFileSync(
      json,
      `${JSON.stringify(
        rows.map(({ name, value, unit, target, met }) => ({
          name,
          value,
          unit,
          target,
          met,
        })),
        null,
        2,
      )}\n`,
    );
  }
  const missed = rows.filter(r => !r.met).map(r => r.name);
  for (const reason of failed) process.stdout.write(`FAILED: ${reason}\n`);
  if (missed.length > 0) {
    process.stdout.write(`MISSED: ${missed.join(', ')}\n`);
  }
  process.stdout.write(
    `${rows.length - missed.length} of ${rows.length} targets met\n`,
  );
  process.exitCode = missed.length > 0 || failed.length > 0 ? 1 : 0;
}

main();
