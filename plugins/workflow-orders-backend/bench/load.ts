import type { SeededWorkflows } from './seed';
import { timed } from './support/measure';

/** Every answered request's time, the failed requests, and how long the load took. */
export interface LoadFigures {
  readonly samples: number[];
  readonly errors: number;
  readonly ms: number;
}

/** The load phase's length, in seconds. */
export const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
/** Its clients, each sending its next request when the last is answered. */
export const LOAD_CLIENTS = 16;

/**
 * LOAD_CLIENTS clients for LOAD_SECONDS, each sending a mix of what the portal asks: history pages,
 * Last order cards and list pages of 50.
 */
export async function runLoad(options: {
  seeded: SeededWorkflows;
  call: (path: string, body?: unknown) => Promise<string>;
  /** How long, in seconds; LOAD_SECONDS unless given. */
  seconds?: number;
}): Promise<LoadFigures> {
  const { seeded, call, seconds = LOAD_SECONDS } = options;
  const { workflowIds, busy } = seeded;
  const samples: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const loadClient = async (index: number) => {
    for (let n = index; performance.now() < deadline; n += 1) {
      const workflowId = workflowIds[n % workflowIds.length];
      const requests = [
        () => call(`/workflows/${n % 2 ? busy : workflowId}/orders?limit=20`),
        () => call(`/workflows/${workflowId}/activity`),
        () =>
          call('/summaries', {
            workflow_ids: workflowIds.slice(n % 450, (n % 450) + 50),
          }),
      ];
      const request = requests[n % requests.length];
      try {
        samples.push((await timed(request))[0]);
      } catch {
        errors += 1;
      }
    }
  };
  const [ms] = await timed(() =>
    Promise.all(
      Array.from({ length: LOAD_CLIENTS }, (_, index) => loadClient(index)),
    ),
  );
  return { samples, errors, ms };
}
