import { createReadStream } from 'node:fs';
import { readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readUnstoredLine } from '@workflow-orders/table';
import type { OrderItem } from '../orderItem';
import { OPEN_SUFFIX } from './spillFile';

/** What the recorder does for a replay: reads an order back, and stores it. */
export interface ReplayTarget {
  /** The item to store for a kept order, or what is wrong with it. */
  readItem(order: Readonly<Record<string, unknown>>): OrderItem | string;
  /** Resolves once the queue has room for a replayed order, leaving the rest to the engine's. */
  room(): Promise<void>;
  /** Queues the item; resolves when it is settled (stored, found stored, or kept again). */
  store(item: OrderItem): Promise<void>;
  /** Hears each line that cannot be replayed. */
  problem(message: string): void;
}

const CLAIMED = /\.replaying-(\d+)$/;
const OPEN_PID = /-(\d+)-[0-9a-f]+\.jsonl\.open$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a file of the spill directory is for this process to replay, and under which stem. */
function replayable(name: string): string | undefined {
  if (name.endsWith('.jsonl')) return name;
  const pid = Number((OPEN_PID.exec(name) ?? CLAIMED.exec(name))?.[1]);
  // A file whose process is gone: it exited without closing it, or died while replaying it.
  if (!pid || pid === process.pid || isAlive(pid)) return undefined;
  return name.endsWith(OPEN_SUFFIX)
    ? name.slice(0, -'.open'.length)
    : name.replace(CLAIMED, '');
}

/** Renames the file to this process's claim; undefined when another process claimed it first. */
async function claim(directory: string, name: string, stem: string) {
  const claimed = join(directory, `${stem}.replaying-${process.pid}`);
  try {
    await rename(join(directory, name), claimed);
    return claimed;
  } catch {
    return undefined;
  }
}

/** Stores the orders of one claimed file; resolves with how many it queued. */
async function replayFile(path: string, target: ReplayTarget) {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Infinity,
  });
  const settled: Promise<void>[] = [];
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const read = readUnstoredLine(text, number);
    let item: OrderItem | string = 'not a line of an unstored order';
    if (read.kind === 'order') item = target.readItem(read.entry.order);
    else if (read.kind === 'unreadable') item = read.problem;
    if (typeof item === 'string') {
      target.problem(`line ${number} of ${path} not replayed: ${item}`);
      continue;
    }
    await target.room();
    settled.push(target.store(item));
  }
  await Promise.all(settled);
  return settled.length;
}

/**
 * Replays the spill files of `directory` that no live process writes or replays: claims each with
 * an atomic rename (so two recorders sharing the directory never replay the same file), stores its
 * orders through the recorder, and removes the file once every order of it is settled. Orders that
 * fail again are kept again by the recorder, in its own spill file. Resolves with the number of
 * orders queued; never rejects.
 */
export async function replaySpillFiles(
  directory: string,
  target: ReplayTarget,
): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(directory)).sort();
  } catch {
    return 0;
  }
  let replayed = 0;
  for (const name of names) {
    const stem = replayable(name);
    if (!stem) continue;
    const claimed = await claim(directory, name, stem);
    if (!claimed) continue;
    try {
      replayed += await replayFile(claimed, target);
      await unlink(claimed);
    } catch (error) {
      target.problem(
        `${claimed} not replayed: ${(error as Error).message}; a later recorder tries again`,
      );
    }
  }
  return replayed;
}
