import type { BackfillProgress } from './progress';
import {
  createProgressBar,
  createProgressLog,
  formatDuration,
} from './progressDisplay';

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

/**
 * A terminal of 150 columns that keeps what is on its lines: text, carriage return, line feed (as a
 * terminal driver makes it, to the start of the next line), save and restore the cursor, column 1,
 * clear to the end of the line; the cursor's and line wrapping's settings are left out.
 */
function aTerminal() {
  const lines: string[] = [''];
  let row = 0;
  let column = 0;
  let saved = { row: 0, column: 0 };
  const put = (text: string) => {
    const line = lines[row].padEnd(column);
    lines[row] =
      line.slice(0, column) + text + line.slice(column + text.length);
    column += text.length;
  };
  const stream = {
    isTTY: true,
    columns: 150,
    write(chunk: string) {
      const tokens = chunk.match(
        // eslint-disable-next-line no-control-regex -- a terminal's escape sequences
        /\x1b\[\??[\d;]*[A-Za-z]|\x1b[78]|\r|\n|[^\x1b\r\n]+/g,
      );
      for (const token of tokens ?? []) {
        if (token === '\n') {
          row += 1;
          column = 0;
          lines[row] ??= '';
        } else if (token === '\r' || token === '\x1b[1G') column = 0;
        else if (token === '\x1b7') saved = { row, column };
        else if (token === '\x1b8') ({ row, column } = saved);
        else if (token === '\x1b[0K') lines[row] = lines[row].slice(0, column);
        else if (!token.startsWith('\x1b')) put(token);
      }
      return true;
    },
  };
  return {
    stream: stream as unknown as NodeJS.WriteStream,
    screen: () => lines.map(line => line.trimEnd()),
  };
}

describe('createProgressBar', () => {
  it('leaves a message written while it runs on lines of its own, between its frames', () => {
    // Prepare
    const terminal = aTerminal();
    const bar = createProgressBar(terminal.stream);
    const noEstimate = { estimatedItems: undefined, secondsLeft: undefined };

    // Act: progress, Ctrl-C's message, the progress after it, the end, then the summary
    bar.update(progressAt(10_000, noEstimate));
    bar.update(progressAt(88_000, noEstimate));
    bar.message('\nStopping after the pages in flight.\n');
    bar.update(progressAt(90_000, noEstimate));
    bar.finish(progressAt(91_000, noEstimate));
    terminal.stream.write('table workflow_orders: 45500 orders\n');

    // Assess
    expect(terminal.screen()).toEqual([
      'backfill | 88,000 items | 412 workflows | 10,000 items/s | 625.0 RCU/s',
      '',
      'Stopping after the pages in flight.',
      'backfill | 91,000 items | 412 workflows | 10,000 items/s | 625.0 RCU/s',
      'table workflow_orders: 45500 orders',
      '',
    ]);
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
