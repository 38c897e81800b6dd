import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { OrderDirection } from '@workflow-orders/plugin-workflow-orders-common';

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

/** The search parameter of each filter: `?direction=SELL&owner=group:default/trading-desk`. */
const PARAMS = ['workflow', 'direction', 'owner', 'code'] as const;

function parseDirection(value: string | null): OrderDirection | undefined {
  const upper = value?.toUpperCase();
  return upper === 'BUY' || upper === 'SELL' ? upper : undefined;
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
      direction: parseDirection(params.get('direction')),
      owner: params.get('owner')?.trim() || undefined,
      code: params.get('code')?.trim() || undefined,
    }),
    [params],
  );

  const setFilter = useCallback(
    <K extends keyof PageFilters>(name: K, value: PageFilters[K]) => {
      // Setting what is already set adds no history entry.
      if ((params.get(name) || undefined) === (value || undefined)) return;
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
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
