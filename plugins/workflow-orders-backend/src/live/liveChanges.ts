import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  normalizeWorkflowId,
  type LiveChangesQuery,
  type LiveChangesResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  createReadRunner,
  type Caller,
  type ReadContext,
  type ReadDefinition,
} from '../service/auditedRead';
import { toLatestItem } from '../service/responses';
import type { WorkflowAccess } from '../service/WorkflowAccess';
import type { ChangesSince } from './ChangeBuffer';
import type { LatestOrderWatcher } from './LatestOrderWatcher';

/** Answers `GET /live/changes` from what the watcher read: no DynamoDB request of its own. */
export interface LiveChanges {
  /**
   * The changes after `query.after` of the workflows the caller may see, newest first; without
   * `after`, the current sequence alone. Renews the watcher's lease.
   */
  changes(
    query: LiveChangesQuery,
    context: ReadContext,
  ): Promise<LiveChangesResponse>;
}

/** Changed workflows past which one decision for every workflow is cheaper than deciding each. */
const DECIDE_EACH_UP_TO = 100;

/** What the caller may see of the changes held: the changes, and which of their workflows. */
type Grant = { held: ChangesSince; visible: (workflowId: string) => boolean };

/** Which of `workflowIds` (lower case) the caller may see, decided through `caller`. */
async function visibleOf(
  workflowIds: string[],
  caller: Caller,
): Promise<(workflowId: string) => boolean> {
  if (workflowIds.length > DECIDE_EACH_UP_TO) {
    const all = await caller.decideAll();
    return id => all.decisionOf(id) === 'allowed';
  }
  const decisions = await caller.decide(workflowIds);
  const allowed = new Set(
    workflowIds.filter((_, index) => decisions[index] === 'allowed'),
  );
  return id => allowed.has(id);
}

/**
 * The read of live changes, run like every read of orders through {@link createReadRunner}: one
 * audit event, the caller's decisions (cached per caller, see `WorkflowAccess`) on the changed
 * workflows only, and nothing of a workflow the caller may not see in the answer, not even its id.
 */
export function createLiveChanges(options: {
  watcher: LatestOrderWatcher;
  access: WorkflowAccess;
  auditor: AuditorService;
}): LiveChanges {
  const { watcher } = options;
  const run = createReadRunner(options);

  const definition: ReadDefinition<
    LiveChangesQuery,
    Grant,
    LiveChangesResponse
  > = {
    audit: ({ after }) => ({ queryType: 'live-changes', after: after ?? null }),
    async authorize({ after }, caller) {
      const held: ChangesSince =
        after === undefined
          ? { sequence: watcher.sequence, complete: true, orders: [] }
          : watcher.changesSince(after);
      const workflowIds = [
        ...new Set(held.orders.map(o => normalizeWorkflowId(o.workflow_id))),
      ];
      return { held, visible: await visibleOf(workflowIds, caller) };
    },
    async read({ held, visible }) {
      return {
        sequence: held.sequence,
        complete: held.complete,
        interval_seconds: watcher.intervalSeconds,
        changes: held.orders
          .filter(order => visible(normalizeWorkflowId(order.workflow_id)))
          .map(toLatestItem),
      };
    },
    outcome: (answer, { held }) => ({
      sequence: answer.sequence,
      complete: answer.complete,
      changes: answer.changes.length,
      hidden: held.orders.length - answer.changes.length,
    }),
  };

  return {
    async changes(query, context) {
      watcher.watch();
      return run(definition, query, context);
    },
  };
}
