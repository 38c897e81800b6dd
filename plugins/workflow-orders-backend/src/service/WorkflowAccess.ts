import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import { DecisionCache, type DecisionCacheOptions } from './decisionCache';
import {
  WORKFLOW_ID_ANNOTATION,
  normalizeWorkflowId,
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';

/**
 * What a caller may do with one workflow's orders:
 * - `allowed`: read them (an entity carrying the workflow's id is readable, or no entity carries it
 *   and the caller holds the read-unlinked permission);
 * - `denied`: an entity the caller can find carries the id, and the policy refuses reading its orders;
 * - `unknown`: no entity the caller can find carries the id, and the caller may not read unlinked
 *   workflows.
 *
 * Only `allowed` may be read; `denied` and `unknown` are answered alike, so the answer reveals nothing.
 */
export type WorkflowDecision = 'allowed' | 'denied' | 'unknown';

/**
 * The decisions for every workflow at once: what {@link WorkflowAccess.decideAll} found, asked for
 * each workflow id (lower case) as often as needed without another call.
 */
export interface WorkflowDecisions {
  decisionOf(workflowId: string): WorkflowDecision;
  /** Whether any workflow at all may be read: false when nothing is allowed. */
  readonly anyAllowed: boolean;
  /** Whether every workflow may be read: every entity found, and the workflows none carries. */
  readonly allAllowed: boolean;
  /**
   * Every workflow that may be read, when they can be listed: undefined when the caller may read
   * unlinked workflows (any id no entity carries).
   */
  readonly allowedIds?: readonly string[];
}

/** Decides who may read which workflow's orders. */
export interface WorkflowAccess {
  /**
   * One decision per workflow id (lower-case UUIDs), in the order given, with the caller's
   * credentials: one catalog query and one authorization call however many ids there are.
   */
  decide(options: {
    workflowIds: readonly string[];
    credentials: BackstageCredentials;
  }): Promise<WorkflowDecision[]>;

  /**
   * The decision for every workflow, with the caller's credentials: the catalog's entities carrying
   * the annotation (one query per thousand entities) and one authorization call, however many
   * workflows are then asked about. For pages listing workflows that the caller does not name.
   */
  decideAll(options: {
    credentials: BackstageCredentials;
  }): Promise<WorkflowDecisions>;
}

const ANNOTATION_FIELD = `metadata.annotations.${WORKFLOW_ID_ANNOTATION}`;
/** Entities one catalog page may hold; a batch of 500 ids fits in one page unless ids are shared. */
const CATALOG_PAGE = 1000;

/**
 * The access decisions of the workflow-orders plugin. The catalog is asked with the caller's
 * credentials, so an entity the caller may not read in the catalog counts as carrying no workflow;
 * then the permission framework decides `workflow-orders.order.read` on each entity found (a
 * conditional decision, such as `isEntityOwner`, is resolved by the catalog) and
 * `workflow-orders.order.read-unlinked` once for the ids no entity carries. With `cache`, a caller's
 * decisions are reused for `cache.ttlMs`: a change of the catalog or the policy reaches them within
 * that time. Without it, every decision reflects the moment it is made.
 */
export function createWorkflowAccess(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  cache?: DecisionCacheOptions;
}): WorkflowAccess {
  const { catalog, permissions } = options;
  const cache =
    options.cache &&
    new DecisionCache<WorkflowDecisions, WorkflowDecision>(options.cache);

  /**
   * Entity refs carrying each id (of these ids, or of all when none are given); annotation values
   * are matched without regard to case.
   */
  const entitiesOf = async (
    workflowIds: readonly string[] | undefined,
    credentials: BackstageCredentials,
  ) => {
    const refs = new Map<string, string[]>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: CATALOG_PAGE }
          : {
              query: {
                [ANNOTATION_FIELD]: workflowIds
                  ? { $in: [...workflowIds] }
                  : { $exists: true },
              },
              fields: [
                'kind',
                'metadata.namespace',
                'metadata.name',
                'metadata.annotations',
              ],
              limit: CATALOG_PAGE,
              totalItems: 'exclude',
            },
        { credentials },
      );
      for (const entity of page.items) {
        const annotation =
          entity.metadata.annotations?.[WORKFLOW_ID_ANNOTATION];
        if (!annotation) continue;
        const id = normalizeWorkflowId(annotation);
        refs.set(id, [...(refs.get(id) ?? []), stringifyEntityRef(entity)]);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  };

  /** One authorization call: which of these entities' orders may be read, and unlinked ones. */
  const authorize = async (
    refs: Map<string, string[]>,
    askUnlinked: boolean,
    credentials: BackstageCredentials,
  ) => {
    const entityRefs = [...new Set([...refs.values()].flat())];
    const requests: AuthorizePermissionRequest[] = entityRefs.map(
      resourceRef => ({
        permission: workflowOrdersReadPermission,
        resourceRef,
      }),
    );
    if (askUnlinked) {
      requests.push({ permission: workflowOrdersReadUnlinkedPermission });
    }
    const decisions = await permissions.authorize(requests, { credentials });
    const allowedRefs = new Set(
      entityRefs.filter(
        (_, index) => decisions[index].result === AuthorizeResult.ALLOW,
      ),
    );
    const unlinkedAllowed =
      askUnlinked &&
      decisions[entityRefs.length].result === AuthorizeResult.ALLOW;

    const decisionOf = (id: string): WorkflowDecision => {
      const carriers = refs.get(id);
      if (!carriers) return unlinkedAllowed ? 'allowed' : 'unknown';
      // Any entity that carries the id and may be read opens it: each owner sees its workflow.
      return carriers.some(ref => allowedRefs.has(ref)) ? 'allowed' : 'denied';
    };
    return { decisionOf, unlinkedAllowed };
  };

  const decideNow = async (
    workflowIds: readonly string[],
    credentials: BackstageCredentials,
  ) => {
    const refs = await entitiesOf(workflowIds, credentials);
    const anyUnlinked = workflowIds.some(id => !refs.has(id));
    const { decisionOf } = await authorize(refs, anyUnlinked, credentials);
    return workflowIds.map(decisionOf);
  };

  const decideAllNow = async (
    credentials: BackstageCredentials,
  ): Promise<WorkflowDecisions> => {
    const refs = await entitiesOf(undefined, credentials);
    // Every workflow no entity carries is unlinked, so the read-unlinked decision is always asked.
    const { decisionOf, unlinkedAllowed } = await authorize(
      refs,
      true,
      credentials,
    );
    const linked = [...refs.keys()];
    const allowedLinked = linked.filter(id => decisionOf(id) === 'allowed');
    return {
      decisionOf,
      anyAllowed: unlinkedAllowed || allowedLinked.length > 0,
      allAllowed: unlinkedAllowed && allowedLinked.length === linked.length,
      allowedIds: unlinkedAllowed ? undefined : allowedLinked,
    };
  };

  return {
    async decide({ workflowIds, credentials }) {
      if (workflowIds.length === 0) return [];
      const entry = cache?.entryOf(credentials);
      if (!entry) return decideNow(workflowIds, credentials);
      // The decision for every workflow answers any single one at no cost.
      if (entry.all) {
        const all = await entry.all.catch(() => undefined);
        if (all) return workflowIds.map(id => all.decisionOf(id));
      }
      const known = new Map(
        workflowIds.flatMap(id => {
          const decision = entry.ids.get(id);
          return decision ? [[id, decision] as const] : [];
        }),
      );
      const missing = [...new Set(workflowIds)].filter(id => !known.has(id));
      if (missing.length > 0) {
        const decisions = await decideNow(missing, credentials);
        const fresh = missing.map(
          (id, index) => [id, decisions[index]] as const,
        );
        cache!.keep(entry, fresh);
        for (const [id, decision] of fresh) known.set(id, decision);
      }
      return workflowIds.map(id => known.get(id)!);
    },

    decideAll({ credentials }) {
      const entry = cache?.entryOf(credentials);
      if (!entry) return decideAllNow(credentials);
      if (!entry.all) {
        const all = decideAllNow(credentials);
        entry.all = all;
        // A failed decision is not kept: the next request asks again.
        all.catch(() => {
          if (entry.all === all) entry.all = undefined;
        });
      }
      return entry.all;
    },
  };
}
