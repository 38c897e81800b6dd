import type { BackfillProgress } from './progress';
import { createProgressLog, formatDuration } from './progressDisplay';

const progressAt = (
  scanned: number,
  overrides: Partial<BackfillProgress> = {},
): BackfillProgress => ({
  tableName: 'workflow_orders',
  scanned,
  estimatedItems: 2_000_000,
  orders: scanned / 2,
  malformed: 0,
  workflows: 412,
  pages: scanned / 1000,
  consumedCapacity: scanned / 16,
  segmentsDone: 0,
  totalSegments: 4,
  elapsedMs: scanned / 10,
  itemsPerSecond: 10_000,
  readUnitsPerSecond: 625,
  secondsLeft: (2_000_000 - scanned) / 10_000,
  resumed: false,
  ...overrides,
});

describe('createProgressLog', () => {
  it('writes a line every 10 seconds and one at the end', () => {
    // Prepare
    let now = 0;
    const lines: string[] = [];
    const log = createProgressLog({
      write: line => lines.push(line),
      now: () => now,
    });

    // Act: a page a second for 25 s
    for (let second = 1; second <= 25; second++) {
      now = second * 1000;
      log.update(progressAt(second * 10_000));
    }
    log.finish(
      progressAt(250_000, {
        segmentsDone: 4,
        estimatedItems: undefined,
        secondsLeft: undefined,
      }),
    );

    // Assess
    expect(lines).toEqual([
      'backfill workflow_orders: 100,000 of ~2,000,000 (5%) items scanned, 50,000 orders in 412 workflows, 10,000 items/s, 625.0 RCU/s, segments done 0/4, about 3m 10s left\n',
      'backfill workflow_orders: 200,000 of ~2,000,000 (10%) items scanned, 100,000 orders in 412 workflows, 10,000 items/s, 625.0 RCU/s, segments done 0/4, about 3m 00s left\n',
      'backfill workflow_orders: 250,000 items scanned, 125,000 orders in 412 workflows, 10,000 items/s, 625.0 RCU/s, segments done 4/4 in 25s\n',
    ]);
  });

  it('says when the backfill stopped', () => {
    const lines: string[] = [];
    createProgressLog({ write: line => lines.push(line) }).finish(
      progressAt(30_000),
      true,
    );
    expect(lines[0]).toMatch(/segments done 0\/4 in 3s, stopped\n$/);
  });
});

describe('formatDuration', () => {
  it('reads as hours and minutes, minutes and seconds, or seconds', () => {
    expect([
      formatDuration(3725),
      formatDuration(185),
      formatDuration(42),
    ]).toEqual(['1h 02m', '3m 05s', '42s']);
  });
});
