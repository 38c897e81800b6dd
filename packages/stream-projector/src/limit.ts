/**
 * Makes a limiter that runs at most `concurrency` of the functions given to it at once, the others
 * waiting in the order they came (what p-limit does, without the dependency).
 */
export function createLimit(concurrency: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A finished call hands its slot to the next waiting one, so none can slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active += 1;
    else await new Promise<void>(resolve => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
