import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { createInterface } from 'node:readline';

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
 * Starts `command` detached in a new process group; Ctrl-C reaches only the parent, which then stops
 * each group in order. Stopping sends SIGTERM to the whole group and SIGKILL after `graceMs`.
 */
export function startService(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  output: OutputTarget;
  graceMs?: number;
}): Service {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.output.kind === 'file') {
    const log = createWriteStream(options.output.path, { flags: 'a' });
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

/** Polls `url` until it answers with a status below 500, or throws after `timeoutMs`. */
export async function waitForUrl(
  url: string,
  options: { timeoutMs: number; service?: Service; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    if (options.service && !isRunning(options.service.child)) {
      throw new Error(`${options.service.name} exited before ${url} answered`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not answer within ${options.timeoutMs / 1000} s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
