/** Undoes one thing a test table set up. */
export type Cleanup = () => unknown;

/** Runs clean-ups newest first, each even when an earlier one failed; throws the first failure. */
export async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  let failure: unknown;
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}
