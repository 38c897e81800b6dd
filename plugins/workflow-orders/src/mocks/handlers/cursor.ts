import {
  cursorNotValid,
  cursorOfAnotherScope,
  cursorOfAnotherWorkflow,
} from '../answers';

/**
 * What a cursor of the mock was issued for: a workflow's history (`workflowId`) or the latest orders,
 * and the page's sort and filters (`filters`). The mock's cursors are base64 JSON, not signed as the
 * backend's are: a client takes both as opaque strings.
 */
export interface CursorScope {
  workflowId?: string;
  filters: string;
}

/**
 * The sort and filters of a page as its cursors carry them: the parsed query but its limit and
 * cursor, the workflows in any order.
 */
export function filtersOf(query: {
  limit: number;
  cursor?: string;
  workflow_ids?: readonly string[];
}): string {
  const { limit, cursor, workflow_ids: ids, ...filters } = query;
  return JSON.stringify({
    ...filters,
    workflow_ids: ids && [...new Set(ids)].sort(),
  });
}

/** The rows of the page at `offset`, and the cursor of the next page (null on the last). */
export function pageOf<T>(
  rows: T[],
  offset: number,
  limit: number,
  scope: CursorScope,
) {
  return {
    page: rows.slice(offset, offset + limit),
    next_cursor:
      offset + limit < rows.length ? encodeCursor(scope, offset + limit) : null,
  };
}

/** A cursor naming the row at `offset` of the pages of `scope`. */
export function encodeCursor(scope: CursorScope, offset: number): string {
  return btoa(
    JSON.stringify({ w: scope.workflowId, q: scope.filters, o: offset }),
  );
}

/** The offset a cursor of this mock names, or the backend's 400 for it, thrown. */
export function decodeCursor(cursor: string, scope: CursorScope): number {
  let position: { w?: unknown; q?: unknown; o?: unknown };
  try {
    position = JSON.parse(atob(cursor));
  } catch {
    throw cursorNotValid();
  }
  if (typeof position !== 'object' || position === null) throw cursorNotValid();
  const { workflowId } = scope;
  // A history cursor is no cursor of the latest orders, and the other way round.
  if (!workflowId !== (position.w === undefined)) throw cursorNotValid();
  if (workflowId && position.w !== workflowId) {
    throw cursorOfAnotherWorkflow(workflowId);
  }
  if (position.q !== scope.filters) {
    throw cursorOfAnotherScope(workflowId ? 'sort or filter' : 'filter');
  }
  const offset = position.o;
  if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) {
    return offset;
  }
  throw cursorNotValid();
}
