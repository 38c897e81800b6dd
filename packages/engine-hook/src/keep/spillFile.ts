import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The suffix of a spill file its process still writes; `.jsonl` once the process has exited. */
export const OPEN_SUFFIX = '.jsonl.open';

/** Lines gathered before they are written in one go. */
const BATCH_BYTES = 256 * 1024;

/**
 * One process's spill file: lines appended in batches, on the next turn of the event loop or when
 * a batch is full, never more than `maxBytes` in all. The file is created on the first line and
 * named after its process (`unstored-<time>-<pid>-<random>.jsonl.open`), so two processes sharing
 * a directory never write the same file; `close()` renames it to `.jsonl`, which marks it ready for
 * replay.
 */
export class SpillFile {
  readonly #directory: string;
  readonly #maxBytes: number;
  readonly #onUnwritten: (lines: string[], error: Error) => void;
  #path?: string;
  #fd?: number;
  #bytes = 0;
  #batch: string[] = [];
  #batchBytes = 0;
  #scheduled = false;
  #broken?: Error;

  constructor(options: {
    directory: string;
    maxBytes: number;
    /** Hears the lines that were queued but could not be written, so that they go elsewhere. */
    onUnwritten: (lines: string[], error: Error) => void;
  }) {
    this.#directory = options.directory;
    this.#maxBytes = options.maxBytes;
    this.#onUnwritten = options.onUnwritten;
  }

  /** The file's path once it exists. */
  get path(): string | undefined {
    return this.#path;
  }

  /** Bytes taken so far, written or about to be. */
  get bytes(): number {
    return this.#bytes + this.#batchBytes;
  }

  /** Why the file cannot be written, once it could not. */
  get broken(): Error | undefined {
    return this.#broken;
  }

  /** Queues `line`; false when it would pass the bound or the file cannot be written. */
  append(line: string): boolean {
    if (this.#broken) return false;
    const size = Buffer.byteLength(line) + 1;
    if (this.bytes + size > this.#maxBytes) return false;
    this.#batch.push(line);
    this.#batchBytes += size;
    if (this.#batchBytes >= BATCH_BYTES) this.#write();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#write()).unref();
    }
    return true;
  }

  /** Writes what is queued and marks the file ready for replay. Synchronous: it runs at exit. */
  close(): void {
    this.#write();
    if (this.#fd === undefined || !this.#path) return;
    try {
      closeSync(this.#fd);
      renameSync(this.#path, this.#path.slice(0, -'.open'.length));
    } catch {
      // Left as `.open`: a later replay takes it once this process is gone.
    }
    this.#fd = undefined;
  }

  #write(): void {
    this.#scheduled = false;
    if (this.#batch.length === 0 || this.#broken) return;
    const lines = this.#batch;
    const text = `${lines.join('\n')}\n`;
    const size = this.#batchBytes;
    this.#batch = [];
    this.#batchBytes = 0;
    try {
      if (this.#fd === undefined) {
        mkdirSync(this.#directory, { recursive: true });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const name = `unstored-${stamp}-${process.pid}-${randomBytes(3).toString('hex')}`;
        this.#path = join(this.#directory, `${name}${OPEN_SUFFIX}`);
        this.#fd = openSync(this.#path, 'a', 0o600);
      }
      writeSync(this.#fd, text);
      this.#bytes += size;
    } catch (error) {
      this.#broken = error as Error;
      this.#onUnwritten(lines, this.#broken);
    }
  }
}
