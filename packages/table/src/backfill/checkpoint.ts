import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * A checkpoint holds where each segment's Scan continues and, per workflow, the newest order the
 * backfill has made its latest order (its `placed_at` and what came of it), never an order itself:
 * the latest-order items of everything scanned are written before each checkpoint, so DynamoDB holds
 * the work done and the file stays small (a few dozen bytes per workflow) whatever the table's size.
 *
 * @public
 */
export const backfillCheckpointSchema = z.object({
  version: z.literal(1),
  tableName: z.string(),
  tableArn: z.string().optional(),
  totalSegments: z.number().int().positive(),
  segments: z.array(
    z.object({
      done: z.boolean(),
      nextKey: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  tallies: z.object({
    scanned: z.number(),
    orders: z.number(),
    malformed: z.number(),
    pages: z.number(),
    consumedCapacity: z.number(),
  }),
  workflows: z.record(
    z.string(),
    z.object({
      placedAt: z.number(),
      outcome: z.enum(['written', 'current']),
      indexed: z.boolean(),
    }),
  ),
  savedAt: z.string(),
});

/** What a backfill saves to continue from. @public */
export type BackfillCheckpoint = z.infer<typeof backfillCheckpointSchema>;

/** A checkpoint file the backfill cannot continue from. @public */
export class BackfillCheckpointError extends Error {
  /** The checkpoint file. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackfillCheckpointError';
    this.file = file;
  }
}

/** The checkpoint saved in `file`, or `undefined` when there is none. */
export async function readCheckpoint(
  file: string,
): Promise<BackfillCheckpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BackfillCheckpointError(
      file,
      `Could not read the checkpoint ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let parsed: ReturnType<typeof backfillCheckpointSchema.safeParse>;
  try {
    parsed = backfillCheckpointSchema.safeParse(JSON.parse(text));
  } catch (error) {
    parsed = { success: false, error } as typeof parsed;
  }
  if (!parsed.success) {
    throw new BackfillCheckpointError(
      file,
      `${file} is not a backfill checkpoint; move it away or name another file with --checkpoint`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Refuses a checkpoint of another table (by name, and by ARN where both are known, so a table of
 * the same name in another account or region is another table) or another segment count: its keys
 * mean nothing there, and continuing would skip items.
 */
export function assertCheckpointFits(
  file: string,
  checkpoint: BackfillCheckpoint,
  run: { tableName: string; tableArn?: string; totalSegments: number },
): void {
  const otherArn =
    checkpoint.tableArn !== undefined &&
    run.tableArn !== undefined &&
    checkpoint.tableArn !== run.tableArn;
  if (checkpoint.tableName !== run.tableName || otherArn) {
    throw new BackfillCheckpointError(
      file,
      `The checkpoint ${file} is of table ${checkpoint.tableArn ?? checkpoint.tableName}, not ` +
        `${run.tableArn ?? run.tableName}: continue it against its table, or give this run another ` +
        `file with --checkpoint (or delete it to start over)`,
    );
  }
  if (
    checkpoint.totalSegments !== run.totalSegments ||
    checkpoint.segments.length !== run.totalSegments
  ) {
    throw new BackfillCheckpointError(
      file,
      `The checkpoint ${file} is of a Scan in ${checkpoint.totalSegments} segments, not ` +
        `${run.totalSegments}: continue it with --segments ${checkpoint.totalSegments}, ` +
        `or delete it to start over`,
    );
  }
}

/**
 * Saves `checkpoint` to `file` atomically: written to a file beside it, then renamed over it, so a
 * backfill stopped at any instant leaves the previous checkpoint or the new one, never half of one.
 */
export async function writeCheckpoint(
  file: string,
  checkpoint: BackfillCheckpoint,
): Promise<void> {
  const temporary = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`, {
      mode: 0o600,
    });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new BackfillCheckpointError(
      file,
      `Could not save the checkpoint ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Deletes the checkpoint of a finished backfill. */
export function removeCheckpoint(file: string): Promise<void> {
  return rm(file, { force: true });
}
