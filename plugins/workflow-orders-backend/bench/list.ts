import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrderTable } from '../src/__testUtils__/orders';
import { WORKFLOWS, type SeededWorkflows } from './seed';
import {
  localClient,
  remoteCatalog,
  remotePolicy,
  startBenchBackend,
  workflowEntities,
} from './support/backend';
import { median, requestsBetween, timed } from './support/measure';

/** Sets of backends whose first request of the list is measured; the median is reported. */
const FIRST_REQUEST_SETS = 3;

/** What the list measured: each mode's first request and those after, and the original's. */
export interface ListFigures {
  readonly measured: Record<
    'default' | 'complete',
    { first: number; firsts: number[]; later: number[]; requests: string }
  >;
  /** Later requests of the default mode without and with authorization, taken in turns. */
  readonly authorized: { off: number[]; on: number[] };
  /** The original product's list, one query per workflow, one after another. */
  readonly theirs: number[];
}

/** The list and the original product's, without added DynamoDB latency. */
export interface ListWithoutLatency {
  readonly ours: number;
  readonly complete: number;
  readonly theirs: number;
}

/**
 * The workflows list (POST /summaries of the listed workflows) on its backends: one per mode of
 * summaries.latestOrderItems, and two in the default mode without and with authorization; and the
 * original product's list over the same fault proxy. Every order went through the recorder, so
 * `complete` holds.
 */
export async function startListBench(options: {
  db: DynamoDbProcess;
  seeded: SeededWorkflows;
  latencyMs: number;
}) {
  const { db, seeded, latencyMs } = options;
  const { workflowIds } = seeded;
  // Each workflow is a catalog entity, so each request makes the access check production makes: one
  // catalog query and one authorization for all its workflows (here an in-memory catalog).
  const entities = workflowEntities([
    ...workflowIds,
    seeded.busy,
    seeded.veryBusy,
    seeded.idle,
  ]);
  const start = (
    summaries: object,
    // The catalog answers at once, as a fast one nearby, without searching its entities in the
    // process being measured (see remoteCatalog).
    access: BackendFeature[] = [remoteCatalog(entities, 0)],
  ) => startBenchBackend({ db, tableName: db.tableName, summaries, access });
  const modes = {
    default: await start({}),
    complete: await start({ latestOrderItems: 'complete' }),
  };
  // The list with and without authorization, both in the default mode. Without: no entity carries a
  // workflow and everything is allowed, so the access check is one empty in-memory query and one
  // immediate decision. With: the catalog query and the authorization call each take latencyMs more
  // (a round trip to the catalog and the permission backend; both in-process mocks here), and the
  // authorization decides one request per entity. It allows them all, so both read the same orders.
  const authorization = {
    off: await start({}, [
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ]),
    on: await start({}, [
      remoteCatalog(entities, latencyMs),
      remotePolicy(latencyMs),
    ]),
  };

  // The original product: one query per workflow, one after another.
  const { documents } = new OrderTable(
    localClient(db, db.proxyEndpoint),
    db.tableName,
  );
  const original = async () => {
    for (const workflowId of workflowIds) {
      await documents.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'workflow_id = :w',
          ExpressionAttributeValues: { ':w': workflowId },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
    }
  };
  const summariesOf = (mode: keyof typeof modes) => () =>
    modes[mode].call('/summaries', { workflow_ids: workflowIds });
  const listOf = (state: keyof typeof authorization) => () =>
    authorization[state].call('/summaries', { workflow_ids: workflowIds });

  return {
    /** The API of the default mode's backend, for the history pages and the load. */
    call: modes.default.call,

    /**
     * Warms the code on workflows that are not measured. Then, in the default mode, the first
     * request for the listed ones queries the never-traded quarter, and the refreshes that follow
     * within summaries.noOrderCacheSeconds do not; in the complete mode no request queries.
     */
    async measure(): Promise<ListFigures> {
      // The first request of each mode, on three pairs of backends (these, then two started for
      // it): the median of three is what is reported, a single request being at the mercy of
      // whatever else the machine did in its 200 ms.
      const firsts = { default: [] as number[], complete: [] as number[] };
      const measured = {} as Record<
        keyof typeof modes,
        {
          first: number;
          firsts: number[];
          later: number[];
          requests: string;
          answer: string;
        }
      >;
      for (let set = 0; set < FIRST_REQUEST_SETS; set += 1) {
        const backends =
          set === 0
            ? modes
            : {
                default: await start({}),
                complete: await start({ latestOrderItems: 'complete' }),
              };
        const unmeasured = Array.from({ length: WORKFLOWS }, () =>
          randomUUID(),
        );
        for (const backend of Object.values(backends)) {
          await backend.call('/summaries', { workflow_ids: unmeasured });
        }
        if (set === 0) await original();
        for (const mode of ['default', 'complete'] as const) {
          const list = () =>
            backends[mode].call('/summaries', { workflow_ids: workflowIds });
          const before = await db.proxyStats();
          const [first, answer] = await timed(list);
          firsts[mode].push(first);
          if (set > 0) continue;
          const requests = requestsBetween(before, await db.proxyStats());
          const later: number[] = [];
          for (let run = 0; run < 5; run += 1) {
            later.push((await timed(list))[0]);
          }
          measured[mode] = { first, firsts: [], later, requests, answer };
        }
        if (set > 0) {
          for (const backend of Object.values(backends)) await backend.stop();
        }
      }
      for (const mode of ['default', 'complete'] as const) {
        measured[mode].first = median(firsts[mode]);
        measured[mode].firsts = firsts[mode];
      }
      if (measured.default.answer !== measured.complete.answer) {
        throw new Error('the two modes answered different summaries');
      }
      // Taken in turns, so that both see the same machine.
      const authorized = { off: [] as number[], on: [] as number[] };
      await listOf('off')();
      await listOf('on')();
      for (let run = 0; run < 5; run += 1) {
        for (const state of ['off', 'on'] as const) {
          authorized[state].push((await timed(listOf(state)))[0]);
        }
      }
      const theirs: number[] = [];
      for (let run = 0; run < 2; run += 1) {
        theirs.push((await timed(original))[0]);
      }
      return { measured, authorized, theirs };
    },

    /** Without added latency what is left is the CPU of the DynamoDB emulator and the SDK. */
    async withoutLatency(): Promise<ListWithoutLatency> {
      const ours = (await timed(summariesOf('default')))[0];
      const complete = (await timed(summariesOf('complete')))[0];
      const theirs = (await timed(original))[0];
      return { ours, complete, theirs };
    },

    async stop() {
      documents.destroy();
      for (const mode of Object.values(modes)) await mode.stop();
      for (const state of Object.values(authorization)) await state.stop();
    },
  };
}
