/*
 * The apps run in parallel workers (installs wait on the network), but take turns for what needs the
 * processor (type-checks, builds, a running portal and the browser) and for create-app, whose npx
 * cache is not safe for two at once. A turn is a lock file in the run's folder holding the worker's
 * process id; a lock whose process is gone is taken over.
 */
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { workDir } from './settings';

/** What the apps take turns for. */
export type Resource = 'processor' | 'scaffolder';

const lockFile = (resource: Resource) => join(workDir(), `${resource}.lock`);

function holderAlive(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    if (pid === process.pid) return true;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until this worker holds `resource`; {@link release} gives it back. */
export async function acquire(resource: Resource): Promise<void> {
  const path = lockFile(resource);
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!holderAlive(path)) rmSync(path, { force: true });
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** Gives `resource` back, if this worker holds it. */
export function release(resource: Resource): void {
  const path = lockFile(resource);
  try {
    if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path);
  } catch {
    // Not held.
  }
}

/** Runs `work` in this worker's turn of `resource`. */
export async function inTurn<T>(
  resource: Resource,
  work: () => Promise<T>,
): Promise<T> {
  await acquire(resource);
  try {
    return await work();
  } finally {
    release(resource);
  }
}
