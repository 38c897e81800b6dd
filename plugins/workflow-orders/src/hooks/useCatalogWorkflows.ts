import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import {
  MAX_LATEST_ORDERS_WORKFLOWS,
  WORKFLOW_ID_ANNOTATION,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../conditions';

const ANNOTATION_KEY = `metadata.annotations.${WORKFLOW_ID_ANNOTATION}`;

/** How many workflows the workflow filter suggests for what was typed. */
export const WORKFLOW_SUGGESTIONS = 20;

/** A catalog entity offered by a filter of the Workflow orders page. */
export interface CatalogOption {
  /** The workflow id, or the group's entity ref. */
  id: string;
  label: string;
}

const titleOf = (entity: Entity) =>
  entity.metadata.title ?? entity.metadata.name;

function workflowOptions(entities: Entity[]): CatalogOption[] {
  return entities.flatMap(entity => {
    const id = workflowIdOf(entity);
    return id ? [{ id, label: titleOf(entity) }] : [];
  });
}

/**
 * The catalog's workflow entities (those with the workflow id annotation) whose title or name
 * contains `term`, at most {@link WORKFLOW_SUGGESTIONS}, and the one named by `selectedId` so the
 * filter can show its title.
 */
export function useWorkflowSearch(term: string, selectedId?: string) {
  const catalogApi = useApi(catalogApiRef);
  const found = useAsync(async () => {
    const answer = await catalogApi.queryEntities({
      filter: { [ANNOTATION_KEY]: CATALOG_FILTER_EXISTS },
      fullTextFilter: term.trim()
        ? { term: term.trim(), fields: ['metadata.title', 'metadata.name'] }
        : undefined,
      orderFields: { field: 'metadata.title', order: 'asc' },
      limit: WORKFLOW_SUGGESTIONS,
    });
    return workflowOptions(answer.items);
  }, [catalogApi, term]);
  const selected = useAsync(async () => {
    if (!selectedId) return undefined;
    const answer = await catalogApi.getEntities({
      filter: { [ANNOTATION_KEY]: selectedId },
    });
    return workflowOptions(answer.items)[0];
  }, [catalogApi, selectedId]);
  return {
    options: found.value ?? [],
    loading: found.loading,
    error: found.error,
    selected: selected.value,
    /** True once the catalog answered that no workflow entity carries `selectedId`. */
    selectedMissing: !!selectedId && !selected.loading && !selected.value,
  };
}

/** The catalog's groups, by title, for the owner filter. */
export function useOwnerGroups() {
  const catalogApi = useApi(catalogApiRef);
  const groups = useAsync(async () => {
    const answer = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
      order: { field: 'metadata.title', order: 'asc' },
    });
    return answer.items.map((group): CatalogOption => ({
      id: stringifyEntityRef(group),
      label: titleOf(group),
    }));
  }, [catalogApi]);
  return { groups: groups.value ?? [], error: groups.error };
}

/** The workflows a group owns, as the owner filter asks the backend for them. */
export interface OwnedWorkflows {
  /** At most {@link MAX_LATEST_ORDERS_WORKFLOWS} ids. */
  workflowIds: string[];
  /** How many workflow entities the group owns, more than `workflowIds` holds when truncated. */
  total: number;
}

/** The ids of the workflow entities `ownerRef` owns; undefined while loading or without owner. */
export function useOwnedWorkflows(ownerRef?: string) {
  const catalogApi = useApi(catalogApiRef);
  const owned = useAsyncRetry(async (): Promise<OwnedWorkflows | undefined> => {
    if (!ownerRef) return undefined;
    const answer = await catalogApi.queryEntities({
      filter: {
        'relations.ownedBy': ownerRef.toLocaleLowerCase('en-US'),
        [ANNOTATION_KEY]: CATALOG_FILTER_EXISTS,
      },
      fields: ['kind', 'metadata.namespace', 'metadata.name', ANNOTATION_KEY],
      limit: MAX_LATEST_ORDERS_WORKFLOWS,
    });
    const workflowIds = [
      ...new Set(workflowOptions(answer.items).map(o => o.id)),
    ];
    return { workflowIds, total: answer.totalItems };
  }, [catalogApi, ownerRef]);
  return {
    owned: owned.value,
    loading: owned.loading,
    error: owned.error,
    retry: owned.retry,
  };
}
