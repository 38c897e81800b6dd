import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  normalizeWorkflowId,
  type LiveChangesQuery,
  type LiveChangesResponse,
} from '@workflow-orders/plugin-workflow-orders-common';
import {
  createReadRunner,
  type ReadContext,
  type ReadDefinition,
} from '../service/auditedRead';
import { toLatestItem } from '../service/responses';
import type { WorkflowAccess } from '../service/WorkflowAccess';
import type { ChangesSince } from './ChangeBuffer';
import type { LatestOrderWatcher } from './LatestOrderWatcher';
import type { LiveViewers } from './LiveViewers';

/** Answers `GET /live/changes` from what the watcher read: no DynamoDB request of its own. */
export interface LiveChanges {
  /**
   * The changes after `query.after` of the workflows the caller may see, newest first; without
   * `after`, the current sequence alone. Renews the watcher's lease, and the caller's as a viewer
   * pushed to.
   */
  changes(
    query: LiveChangesQuery,
    context: ReadContext,
  ): Promise<LiveChangesResponse>;
}

/** What the caller may see of the changes held: the changes, and which of their workflows. */
type Grant = { held: ChangesSince; visible: (workflowId: string) => boolean };

/** The query, and the user who asks when a user does (pushes go to users). */
type Asked = LiveChangesQuery & { viewer?: string };

/** The user entity of the credentials, when they are a user's. */
function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/**
 * The read of live changes, run like every read of orders through {@link createReadRunner}: one
 * audit event, the caller's decisions (cached per caller, see `WorkflowAccess`), and nothing of a
 * workflow the caller may not see in the answer, not even its id. A user who asks is pushed the
 * watcher's next changes they may see, by the same decision, until their lease lapses.
 */
export function createLiveChanges(options: {
  watcher: LatestOrderWatcher;
  viewers: LiveViewers;
  access: WorkflowAccess;
  auditor: AuditorService;
}): LiveChanges {
  const { watcher, viewers } = options;
  const run = createReadRunner(options);

  const definition: ReadDefinition<Asked, Grant, LiveChangesResponse> = {
    audit: ({ after, tab }) => ({
      queryType: 'live-changes',
      after: after ?? null,
      ...(tab && { tabs: tab }),
    }),
    async authorize({ after, viewer, tab }, caller) {
      const held: ChangesSince =
        after === undefined
          ? { sequence: watcher.sequence, complete: true, orders: [] }
          : watcher.changesSince(after);
      if (held.orders.length === 0 && !viewer) {
        // Nothing to show and nobody to push to needs no decision, and costs no catalog query.
        await caller.decide([]);
        return { held, visible: () => false };
      }
      // One decision for every workflow, kept per caller and shared with the Workflow orders page:
      // a steady stream of changes brings new workflows on every request, which deciding each
      // would send to the catalog every time.
      const all = await caller.decideAll();
      const visible = (workflowId: string) =>
        all.decisionOf(workflowId) === 'allowed';
      if (viewer) viewers.renew(viewer, visible, tab);
      return { held, visible };
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
      return run(
        definition,
        { ...query, viewer: userOf(context.credentials) },
        context,
      );
    },
  };
}
