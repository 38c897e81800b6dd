import { lazy, Suspense } from 'react';
import { TableColumn } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';

// The cell, its hooks and the summary store load only when a list first shows the column.
const LastOrderCell = lazy(() =>
  import('./LastOrderCell').then(m => ({ default: m.LastOrderCell })),
);

/** Options of {@link createLastOrderColumn}. @public */
export interface LastOrderColumnOptions {
  /** The column's header. @default 'Last order' */
  title?: string;
}

/**
 * A catalog table column that shows when each workflow last placed an order ("Last order: 2 days
 * ago", exact time on hover) or "No orders yet"; rows without the workflow annotation stay empty.
 * All rows of a table page are served by one `POST /summaries`, refreshed every minute.
 *
 * @public
 */
export function createLastOrderColumn(
  options: LastOrderColumnOptions = {},
): TableColumn<CatalogTableRow> {
  return {
    title: options.title ?? 'Last order',
    field: 'entity.metadata.annotations',
    sorting: false,
    searchable: false,
    render: ({ entity }) => (
      <Suspense fallback={null}>
        <LastOrderCell entity={entity} />
      </Suspense>
    ),
  };
}
