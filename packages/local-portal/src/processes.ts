import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { createInterface } from 'node:readline';
import execa from 'execa';

/** Where a child's output goes: prefixed onto this terminal, or into a log file. */
export type OutputTarget =
  | { readonly kind: 'terminal' }
  | { readonly kind: 'file'; readonly path: string };

/** A child process running in its own process group, so stopping it stops everything it started. */
export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const isRunning = (child: ChildProcess) =>
  child.exitCode === null && child.signalCode === null;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Kills the child's process group if this process exits first: a detached group outlives its parent
 * otherwise (a test worker that timed out, a script that threw).
 */
function killWithParent(child: ChildProcess) {
  const kill = () => signalGroup(child, 'SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}

/**
 * Starts `command` detached in a new process group; Ctrl-C reaches only the parent, which then stops
 * each group in order. Stopping sends SIGTERM to the whole group and SIGKILL after `graceMs`; the
 * group is killed as well when this process exits without stopping it.
 */
export function startService(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Whether `env` adds to this process's environment rather than replacing it. @default true */
  extendEnv?: boolean;
  output: OutputTarget;
  graceMs?: number;
}): Service {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env:
      options.extendEnv === false
        ? options.env
        : { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killWithParent(child);
  if (options.output.kind === 'file') {
    const log = createWriteStream(options.output.path, { flags: 'a' });
    log.write(`\n$ ${options.command} ${options.args.join(' ')}\n`);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  } else {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', line =>
        process.stdout.write(`[${options.name}] ${line}\n`),
      );
    }
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(
      () => signalGroup(child, 'SIGKILL'),
      options.graceMs ?? 8000,
    );
    await exited;
    clearTimeout(timer);
    // Children of the service that outlived it still belong to its group.
    signalGroup(child, 'SIGKILL');
  };
  return {
    name: options.name,
    child,
    stop: () => (isRunning(child) ? stop() : Promise.resolve()),
  };
}

/** Options of {@link runCommand}. */
export interface CommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Whether `env` adds to this process's environment rather than replacing it. @default true */
  readonly extendEnv?: boolean;
  /** File that the command line and its output are appended to. */
  readonly log: string;
  /** @default 10 minutes */
  readonly timeoutMs?: number;
}

const runningCommands = new Set<ChildProcess>();

/** The last lines of a command's output, for an error message. */
function lastLines(output: string, count = 15): string {
  return output
    .split('\n')
    .filter(line => line.trim())
    .slice(-count)
    .map(line => `  ${line.slice(0, 240)}`)
    .join('\n');
}

/**
 * Runs a shell command to its end in a process group of its own and returns its output (stdout and
 * stderr together); throws with the end of that output when it exits non-zero or outlives
 * `timeoutMs` (then its whole group is killed).
 */
export async function runCommand(
  command: string,
  options: CommandOptions,
): Promise<string> {
  const log = createWriteStream(options.log, { flags: 'a' });
  log.write(`\n$ ${command}\n`);
  const child = execa(command, {
    shell: true,
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.extendEnv ?? true,
    detached: true,
    all: true,
    reject: false,
    maxBuffer: 64 * 1024 * 1024,
  });
  runningCommands.add(child);
  killWithParent(child);
  child.all!.pipe(log);
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child, 'SIGKILL');
  }, timeoutMs);
  try {
    const result = await child;
    const output = result.all ?? '';
    if (result.exitCode !== 0 || timedOut) {
      const how = timedOut
        ? `was stopped after ${timeoutMs / 1000} s`
        : `exited ${result.exitCode ?? result.signal}`;
      throw new Error(
        `\`${command}\` ${how} (log: ${options.log})\n${lastLines(output)}`,
      );
    }
    return output;
  } finally {
    clearTimeout(timer);
    runningCommands.delete(child);
    await new Promise(resolve => log.end(resolve));
  }
}

/** Kills every command {@link runCommand} is still waiting for (whole groups), e.g. after a timeout. */
export function stopCommands(): void {
  for (const child of runningCommands) signalGroup(child, 'SIGKILL');
  runningCommands.clear();
}

/** Throws a clear error when something already listens on one of the loopback `ports`. */
export async function assertPortsFree(
  ports: Record<string, number>,
): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    const free = await new Promise<boolean>(resolve => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) {
      throw new Error(
        `Port ${port} (${name}) is already in use on 127.0.0.1; is another portal running?`,
      );
    }
  }
}

/**
 * Polls `url` until it answers as `ready` says (by default: any status below 500), or throws after
 * `timeoutMs` with the last answer it saw.
 */
export async function waitForUrl(
  url: string,
  options: {
    timeoutMs: number;
    service?: Service;
    signal?: AbortSignal;
    headers?: Record<string, string>;
    ready?: (response: Response) => boolean;
  },
): Promise<void> {
  const ready = options.ready ?? (response => response.status < 500);
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  for (;;) {
    options.signal?.throwIfAborted();
    if (options.service && !isRunning(options.service.child)) {
      throw new Error(`${options.service.name} exited before ${url} answered`);
    }
    try {
      const response = await fetch(url, {
        headers: options.headers,
        signal: AbortSignal.timeout(2000),
      });
      if (ready(response)) return;
      last = `${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      // Not listening yet.
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not answer within ${options.timeoutMs / 1000} s (last: ${last})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
