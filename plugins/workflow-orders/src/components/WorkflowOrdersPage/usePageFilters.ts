import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { OrderDirection } from '@workflow-orders/plugin-workflow-orders-common';
import {
  codeFromParam,
  directionFromParam,
  directionToParam,
} from '../common/filterParams';

/** The filters of the Workflow orders page, as its URL holds them. */
export interface PageFilters {
  /** The id of one workflow, from the workflow filter. */
  workflow?: string;
  direction?: OrderDirection;
  /** The entity ref of a catalog group whose workflows are shown. */
  owner?: string;
  /** An asset code, such as `DAX.I`. */
  code?: string;
}

/** The search parameter of each filter: `?direction=sell&owner=group:default/trading-desk`. */
const PARAMS = ['workflow', 'direction', 'owner', 'code'] as const;

/** A filter's value as the URL carries it: directions in lower case, codes in upper case. */
function toParam<K extends keyof PageFilters>(
  name: K,
  value: PageFilters[K],
): string | undefined {
  if (name === 'direction') {
    return directionToParam(value as OrderDirection | undefined);
  }
  if (name === 'code') return codeFromParam(value);
  return value || undefined;
}

/**
 * The page's filters, read from and written to the URL's search parameters, so a view can be
 * shared and the back button undoes a change. Each change is a history entry.
 */
export function usePageFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    (): PageFilters => ({
      workflow: params.get('workflow')?.trim() || undefined,
      direction: directionFromParam(params.get('direction')),
      owner: params.get('owner')?.trim() || undefined,
      code: codeFromParam(params.get('code')),
    }),
    [params],
  );

  const setFilter = useCallback(
    <K extends keyof PageFilters>(name: K, value: PageFilters[K]) => {
      // Setting what is already set adds no history entry.
      const param = toParam(name, value);
      if ((params.get(name) || undefined) === param) return;
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (param) next.set(name, param);
        else next.delete(name);
        return next;
      });
    },
    [params, setParams],
  );

  const clearFilters = useCallback(() => {
    setParams(previous => {
      const next = new URLSearchParams(previous);
      PARAMS.forEach(name => next.delete(name));
      return next;
    });
  }, [setParams]);

  const active = PARAMS.some(name => filters[name] !== undefined);
  return { filters, active, setFilter, clearFilters };
}
