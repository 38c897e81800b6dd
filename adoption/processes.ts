import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

const running = new Set<ChildProcess>();

/** Stops every process started here (whole process groups), at once. */
export function stopAll(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

/** Options of {@link run}. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** File that receives the command's output. */
  readonly log: string;
  /** @default 10 minutes */
  readonly timeoutMs?: number;
}

/** The last lines of a log, for a failure message. */
export function tail(log: string, lines = 15): string {
  try {
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(line => line.trim())
      .slice(-lines)
      .map(line => `      ${line.slice(0, 240)}`)
      .join('\n');
  } catch {
    return '';
  }
}

/** Runs a shell command to its end; throws with the end of its log when it fails. */
export async function run(command: string, options: RunOptions): Promise<string> {
  const out = createWriteStream(options.log, { flags: 'a' });
  out.write(`\n$ ${command}\n`);
  const child = spawn('sh', ['-c', command], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    out.write(chunk);
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const code = await new Promise<number | null>(resolve =>
    child.on('close', resolve),
  );
  clearTimeout(timer);
  running.delete(child);
  await new Promise(resolve => out.end(resolve));
  if (code !== 0) {
    throw new Error(
      `\`${command}\` exited ${code ?? `after ${timeoutMs / 1000} s`} (log: ${options.log})\n${tail(options.log)}`,
    );
  }
  return output;
}

/** Starts a long-running process whose output goes to a log; {@link stopAll} ends it. */
export function start(
  command: string,
  options: Omit<RunOptions, 'timeoutMs'>,
): ChildProcess {
  const out = createWriteStream(options.log, { flags: 'a' });
  out.write(`\n$ ${command}\n`);
  const child = spawn('sh', ['-c', `exec ${command}`], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Stops one process started by {@link start}. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` until it returns true; throws after `timeoutMs` with what it saw last. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean | string>,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (child && child.exitCode !== null) {
      throw new Error(`${what}: the process exited ${child.exitCode}`);
    }
    try {
      const result = await probe();
      if (result === true) return;
      last = String(result);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what} (last: ${last})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
