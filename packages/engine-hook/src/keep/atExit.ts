/**
 * One `exit` listener for every recorder of the process (a listener each would trip Node's
 * listener limit in a process that makes many). Each recorder holds its own handler; the registry
 * holds it weakly, so a recorder nobody references any more is collected with its handler.
 */
const handlers = new Set<WeakRef<() => void>>();
const forget = new FinalizationRegistry<WeakRef<() => void>>(ref =>
  handlers.delete(ref),
);
let listening = false;

/** Runs `handler` when the process exits, as long as something else still references it. */
export function atExit(handler: () => void): void {
  const ref = new WeakRef(handler);
  handlers.add(ref);
  forget.register(handler, ref);
  if (listening) return;
  listening = true;
  process.once('exit', () => {
    for (const held of handlers) {
      try {
        held.deref()?.();
      } catch {
        // One recorder's failure must not keep the others from keeping their orders.
      }
    }
  });
}
