import { lazy, Suspense } from 'react';
import { TableColumn } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import { workflowIdOf } from '../../conditions';
import { LastOrderSortKeys } from './sortKeys';

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
 * A catalog table column that shows when each workflow last placed an order, on one line ("54m
 * ago" and a BUY or SELL tag; the exact time, asset, price and quantity on hover and focus) or "No
 * orders yet"; rows without the workflow annotation stay empty. The column sorts by the last order:
 * ascending puts the rows not known yet, then those without orders, then the oldest first. All rows of a table page are served by one `POST /summaries`,
 * refreshed every minute.
 *
 * @public
 */
export function createLastOrderColumn(
  options: LastOrderColumnOptions = {},
): TableColumn<CatalogTableRow> {
  const sortKeys = new LastOrderSortKeys();
  return {
    title: options.title ?? 'Last order',
    field: 'entity.metadata.annotations',
    searchable: false,
    customSort: (a, b) =>
      sortKeys.compare(workflowIdOf(a.entity), workflowIdOf(b.entity)),
    cellStyle: { whiteSpace: 'nowrap' },
    render: ({ entity }) => (
      <Suspense fallback={null}>
        <LastOrderCell entity={entity} sortKeys={sortKeys} />
      </Suspense>
    ),
  };
}
