import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import type { SeededWorkflows } from './seed';
import { requestsBetween, timed } from './support/measure';

/** A later page of a very busy workflow and of an idle one, and what one of the former costs. */
export interface LaterPageFigures {
  readonly busy: number[];
  readonly idle: number[];
  /** Items DynamoDB returned for one later page of the very busy workflow. */
  readonly itemsReturned: number;
  /** Its DynamoDB requests, by operation. */
  readonly requests: string;
}

/** The history pages of the seeded workflows, through `call` (the API of a running backend). */
export function historyBench(options: {
  db: DynamoDbProcess;
  seeded: SeededWorkflows;
  call: (path: string) => Promise<string>;
}) {
  const { db, seeded, call } = options;
  const firstPage = async (runs: number) => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      samples.push(
        (
          await timed(() => call(`/workflows/${seeded.busy}/orders?limit=20`))
        )[0],
      );
    }
    return samples;
  };
  const cursorOf = async (workflowId: string) =>
    JSON.parse(await call(`/workflows/${workflowId}/orders?limit=20`))
      .next_cursor as string;
  const laterPage = (workflowId: string, cursor: string) => () =>
    call(
      `/workflows/${workflowId}/orders?limit=20&cursor=${encodeURIComponent(cursor)}`,
    );

  return {
    /** 200 first pages of the busy workflow, after 20 that warm up. */
    async firstPages(): Promise<number[]> {
      await firstPage(20);
      return firstPage(200);
    },

    /** A later page of the very busy workflow and of the idle one, taken in turns. */
    async laterPages(): Promise<LaterPageFigures> {
      const cursors = {
        busy: await cursorOf(seeded.veryBusy),
        idle: await cursorOf(seeded.idle),
      };
      const busy: number[] = [];
      const idle: number[] = [];
      for (let run = 0; run < 120; run += 1) {
        busy.push((await timed(laterPage(seeded.veryBusy, cursors.busy)))[0]);
        idle.push((await timed(laterPage(seeded.idle, cursors.idle)))[0]);
      }
      const before = await db.proxyStats();
      await laterPage(seeded.veryBusy, cursors.busy)();
      const after = await db.proxyStats();
      return {
        busy,
        idle,
        itemsReturned:
          (after.itemsReturned.Query ?? 0) - (before.itemsReturned.Query ?? 0),
        requests: requestsBetween(before, after),
      };
    },
  };
}
