import { CatalogTable } from '@backstage/plugin-catalog';
import {
  CatalogIndexPage,
  type CatalogIndexPageProps,
} from '@backstage/plugin-catalog/alpha';
import { createLastOrderColumn } from './createLastOrderColumn';

/**
 * The catalog's index page with the stock columns followed by "Last order". It is a module of its
 * own so that the catalog's page and table, and the column, load with the page: imported where the
 * module extension is defined, they would be in every page's first load of the app.
 */
export function CatalogIndexPageWithLastOrder(
  props: Omit<CatalogIndexPageProps, 'columns'>,
) {
  return (
    <CatalogIndexPage
      {...props}
      columns={context => [
        ...CatalogTable.defaultColumnsFunc(context),
        createLastOrderColumn(),
      ]}
    />
  );
}
