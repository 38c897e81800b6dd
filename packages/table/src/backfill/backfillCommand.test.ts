import { EventEmitter } from 'node:events';
import { stopOnSignals } from './backfillCommand';
import type { ProgressDisplay } from './progressDisplay';

describe('stopOnSignals', () => {
  const aDisplay = () => {
    const calls: string[] = [];
    const display: ProgressDisplay = {
      update: () => calls.push('update'),
      message: text => calls.push(`message ${text.trim()}`),
      finish: () => calls.push('finish'),
    };
    return { display, calls };
  };

  it('stops the backfill at the first signal, and releases the terminal before exiting at the second', () => {
    // Prepare
    const signals = new EventEmitter();
    const controller = new AbortController();
    const { display, calls } = aDisplay();
    const exits: number[] = [];
    stopOnSignals({
      controller,
      display,
      dryRun: false,
      signals,
      exit: code => exits.push(code),
    });

    // Act
    signals.emit('SIGINT');
    const abortedAtFirst = controller.signal.aborted;
    const exitsAtFirst = [...exits];
    signals.emit('SIGTERM');

    // Assess
    expect(abortedAtFirst).toBe(true);
    expect(exitsAtFirst).toEqual([]);
    expect(calls).toEqual([
      'message Stopping after the pages in flight, then saving the checkpoint (again to quit now, ' +
        'keeping the checkpoint saved before).',
      'finish',
    ]);
    expect(exits).toEqual([130]);
  });

  it('listens no more once released', () => {
    const signals = new EventEmitter();
    const controller = new AbortController();
    const release = stopOnSignals({
      controller,
      display: aDisplay().display,
      dryRun: true,
      signals,
      exit: () => {},
    });

    release();

    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(controller.signal.aborted).toBe(false);
  });
});
