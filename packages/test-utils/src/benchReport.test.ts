import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchResult, reportBench } from './benchReport';

describe('benchResult', () => {
  it.each([
    ['<= 150', 150, true],
    ['<= 150', 150.5, false],
    ['< 15', 14.99, true],
    ['< 15', 15, false],
    ['>= 2000', 2000, true],
    ['>= 2000', 1999, false],
    ['== 0', 0, true],
    ['== 0', 1, false],
  ] as const)('decides %s for %d: met %s', (target, value, met) => {
    expect(benchResult('m', value, 'ms', target).met).toBe(met);
  });

  it('never meets a target with a value that is not a number', () => {
    expect(benchResult('m', Number.NaN, 'ms', '>= 0').met).toBe(false);
    expect(benchResult('m', Infinity, 'ms', '>= 0').met).toBe(false);
  });

  it('rounds the value to two decimals', () => {
    expect(benchResult('m', 1.23456, 'ms', '< 2').value).toBe(1.23);
  });
});

describe('reportBench', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
    jest.restoreAllMocks();
  });

  it('prints one row per measure, writes the JSON and fails the process when a target is missed', () => {
    // Prepare
    const out = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true);
    const file = join(mkdtempSync(join(tmpdir(), 'bench-')), 'out.json');
    const results = [
      benchResult('history_p95_ms', 12, 'ms', '< 15'),
      benchResult('load_errors', 2, 'errors', '== 0'),
    ];

    // Act
    reportBench('backend', results, ['node', 'bench', '--json', file]);

    // Assess
    const printed = out.mock.calls.map(([text]) => String(text)).join('');
    expect(printed).toContain('history_p95_ms  12 ms     < 15    yes');
    expect(printed).toContain('load_errors     2 errors  == 0    NO');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      {
        name: 'history_p95_ms',
        value: 12,
        unit: 'ms',
        target: '< 15',
        met: true,
      },
      {
        name: 'load_errors',
        value: 2,
        unit: 'errors',
        target: '== 0',
        met: false,
      },
    ]);
    expect(process.exitCode).toBe(1);
  });
});
