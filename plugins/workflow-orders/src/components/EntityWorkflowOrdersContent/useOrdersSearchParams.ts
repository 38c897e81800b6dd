import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { HISTORY_SORTS } from '@workflow-orders/plugin-workflow-orders-common';
import { OrdersQuery } from '../../hooks/useWorkflowOrders';
import {
  codeFromParam,
  directionFromParam,
  directionToParam,
} from '../common/filterParams';

/** The Orders tab's query as the URL has it, and a way to change part of it. */
export interface OrdersSearchParams {
  query: OrdersQuery;
  /** True when a direction or code narrows the orders (the sort does not). */
  filtered: boolean;
  /** Changes the parts given; `undefined` removes one. Each change is a history entry. */
  change: (changes: Partial<OrdersQuery>) => void;
}

/**
 * The sort and filters of the Orders tab, kept in the URL (`?sort=oldest&direction=sell&code=DAX.I`)
 * so a view can be shared, survives a reload and the back button returns to the previous one.
 * Values the tab does not know are ignored.
 */
export function useOrdersSearchParams(): OrdersSearchParams {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const directionParam = params.get('direction');
  const codeParam = params.get('code');

  const query = useMemo<OrdersQuery>(
    () => ({
      sort: HISTORY_SORTS.find(s => s === sortParam),
      direction: directionFromParam(directionParam),
      code: codeFromParam(codeParam),
    }),
    [sortParam, directionParam, codeParam],
  );

  const change = useCallback(
    (changes: Partial<OrdersQuery>) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        const set = (name: string, value: string | undefined) =>
          value ? next.set(name, value) : next.delete(name);
        if ('sort' in changes)
          set('sort', changes.sort === 'oldest' ? 'oldest' : undefined);
        if ('direction' in changes)
          set('direction', directionToParam(changes.direction));
        if ('code' in changes) set('code', codeFromParam(changes.code));
        return next;
      }),
    [setParams],
  );

  return {
    query,
    filtered: Boolean(query.direction || query.code),
    change,
  };
}
