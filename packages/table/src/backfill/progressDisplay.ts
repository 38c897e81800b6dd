import { Presets, SingleBar } from 'cli-progress';
import type { BackfillProgress } from './progress';

/** Shows a backfill's progress as the command line runs it. */
export interface ProgressDisplay {
  update(progress: BackfillProgress): void;
  /**
   * Writes `text` (whole lines) to the display's stream while it runs: a bar leaves its last frame
   * in place, and the next progress starts a new bar below the text.
   */
  message(text: string): void;
  /** Shows the last progress and releases the terminal. */
  finish(progress: BackfillProgress | undefined): void;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** `1h 02m`, `3m 05s`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600)
    return `${Math.floor(s / 3600)}h ${two(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  return `${s}s`;
}

/** One line of the log a backfill writes when its output is not a terminal. */
export function formatProgressLine(
  progress: BackfillProgress,
  state: 'scanning' | 'done' | 'stopped' = 'scanning',
): string {
  const { estimatedItems: estimate, scanned } = progress;
  const of =
    estimate !== undefined
      ? ` of ~${count(estimate)} (${Math.min(100, Math.floor((scanned / estimate) * 100))}%)`
      : '';
  let left = '';
  if (state !== 'scanning') {
    left = ` in ${formatDuration(progress.elapsedMs / 1000)}${state === 'stopped' ? ', stopped' : ''}`;
  } else if (progress.secondsLeft !== undefined) {
    left = `, about ${formatDuration(progress.secondsLeft)} left`;
  }
  return (
    `backfill ${progress.tableName}: ${count(scanned)}${of} items scanned, ` +
    `${count(progress.orders)} orders in ${count(progress.workflows)} workflows, ` +
    `${count(progress.itemsPerSecond)} items/s, ${progress.readUnitsPerSecond.toFixed(1)} RCU/s, ` +
    `segments done ${progress.segmentsDone}/${progress.totalSegments}${left}`
  );
}

/**
 * Plain lines for a log (output that is not a terminal): one every `intervalMs` while the Scan
 * runs, and one at its end.
 */
export function createProgressLog(options: {
  write: (line: string) => void;
  intervalMs?: number;
  now?: () => number;
}): ProgressDisplay & {
  finish(progress: BackfillProgress | undefined, stopped?: boolean): void;
} {
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  let lastAt = now();
  return {
    update(progress) {
      if (now() - lastAt < intervalMs) return;
      lastAt = now();
      options.write(`${formatProgressLine(progress)}\n`);
    },
    message(text) {
      options.write(text);
    },
    finish(progress, stopped = false) {
      if (progress) {
        options.write(
          `${formatProgressLine(progress, stopped ? 'stopped' : 'done')}\n`,
        );
      }
    },
  };
}

/**
 * A progress bar on a terminal (cli-progress): items scanned against the table's approximate item
 * count, workflows, items and read units per second, and the time left at that rate. Without an item
 * count (dynalite keeps none) it shows the counts and rate without a bar.
 *
 * The bar redraws its line on a timer and, when it stops, moves the cursor back to the line where it
 * started; anything written to the terminal while it runs would be drawn over. So a message stops
 * the bar first and the next progress starts another.
 */
export function createProgressBar(stream: NodeJS.WriteStream): ProgressDisplay {
  let bar: SingleBar | undefined;
  const payload = (p: BackfillProgress) => ({
    workflows: count(p.workflows),
    rate: count(p.itemsPerSecond),
    rcu: p.readUnitsPerSecond.toFixed(1),
    left: p.secondsLeft !== undefined ? formatDuration(p.secondsLeft) : '—',
    scanned: count(p.scanned),
  });
  return {
    update(progress) {
      const total = Math.max(progress.estimatedItems ?? 0, progress.scanned);
      if (!bar) {
        const format =
          progress.estimatedItems !== undefined
            ? 'backfill {bar} {percentage}% | {scanned} of ~{total} items | {workflows} workflows | {rate} items/s | {rcu} RCU/s | {left} left'
            : 'backfill | {scanned} items | {workflows} workflows | {rate} items/s | {rcu} RCU/s';
        bar = new SingleBar(
          {
            format,
            stream,
            hideCursor: true,
            formatValue: v => v.toLocaleString('en-US'),
          },
          Presets.shades_classic,
        );
        bar.start(total, progress.scanned, payload(progress));
        return;
      }
      bar.setTotal(total);
      bar.update(progress.scanned, payload(progress));
    },
    message(text) {
      bar?.stop();
      bar = undefined;
      stream.write(text);
    },
    finish(progress) {
      if (progress) this.update(progress);
      bar?.stop();
      bar = undefined;
    },
  };
}

/** The display for `stream`: a bar on a terminal, log lines otherwise. */
export function createProgressDisplay(
  stream: NodeJS.WriteStream,
): ProgressDisplay & {
  finish(progress: BackfillProgress | undefined, stopped?: boolean): void;
} {
  if (stream.isTTY) return createProgressBar(stream);
  return createProgressLog({ write: line => stream.write(line) });
}
