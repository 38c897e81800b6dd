/*
 * The measures of a benchmark against their targets, printed as a table and written as JSON for the
 * root `npm run bench` (scripts/bench.js) to combine: `--json <file>` names where.
 */
import { writeFileSync } from 'node:fs';

/** A measure as `npm run bench` reports it. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** `<= 150`, `>= 2000`, `< 15` or `== 0`. */
  readonly target: string;
  readonly met: boolean;
}

const compare = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '==': (a: number, b: number) => a === b,
} as const;

/** A result, with `met` decided from the target. */
export function benchResult(
  name: string,
  value: number,
  unit: string,
  target: `${keyof typeof compare} ${number}`,
): BenchResult {
  const [operator, bound] = target.split(' ') as [keyof typeof compare, string];
  const rounded = Math.round(value * 100) / 100;
  return {
    name,
    value: rounded,
    unit,
    target,
    met: Number.isFinite(value) && compare[operator](value, Number(bound)),
  };
}

/**
 * Prints the results as measure / value / target / met, writes them to the `--json` file when one
 * is given, and sets a failing exit code when a target is missed.
 */
export function reportBench(
  title: string,
  results: BenchResult[],
  argv: readonly string[] = process.argv,
): void {
  const rows = results.map(r => [
    r.name,
    `${r.value} ${r.unit}`,
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const header = ['measure', 'value', 'target', 'met'];
  const width = header.map((h, c) =>
    Math.max(h.length, ...rows.map(row => row[c].length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(width[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${title}\n${line(header)}\n`);
  process.stdout.write(`${line(width.map(w => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  const at = argv.indexOf('--json');
  if (at >= 0 && argv[at + 1]) {
    writeFileSync(argv[at + 1], `${JSON.stringify(results, null, 2)}\n`);
  }
  if (results.some(r => !r.met)) process.exitCode = 1;
}
