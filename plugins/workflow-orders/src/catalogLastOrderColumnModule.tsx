import { Children } from 'react';
import {
  coreExtensionData,
  createExtensionDataRef,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import type { CatalogExportSettings } from '@backstage/plugin-catalog/alpha';

// The data of CatalogExportConfigBlueprint extensions. The catalog does not export its ref; a ref
// is matched by its id, so this one reads the same data.
const catalogExportConfigDataRef = createExtensionDataRef<
  Partial<CatalogExportSettings>
>().with({ id: 'catalog.export-customization' });

/**
 * The catalog's own index page, rendered with the stock columns plus "Last order". Everything the
 * catalog page takes from the app (filter extensions, its `pagination` and `exportSettings` config,
 * export customisations) is passed through unchanged.
 */
const catalogIndexPageWithLastOrder = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs, config }) {
      return originalFactory({
        params: {
          loader: async () => {
            // Imported here, not at the top, so the catalog's page stays out of the app's first load.
            const { CatalogIndexPageWithLastOrder } =
              await import('./components/LastOrderColumn/CatalogIndexPageWithLastOrder');
            const filters = inputs.filters.map(filter =>
              filter.get(coreExtensionData.reactElement),
            );
            const exportSettings: CatalogExportSettings = {
              ...config.exportSettings,
            };
            // As the catalog merges them: exporters add up, the first of the rest wins.
            for (const input of inputs.exportConfig) {
              const data = input.get(catalogExportConfigDataRef);
              if (!data) continue;
              exportSettings.exporters = {
                ...exportSettings.exporters,
                ...data.exporters,
              };
              exportSettings.columns ??= data.columns;
              exportSettings.onSuccess ??= data.onSuccess;
              exportSettings.onError ??= data.onError;
            }
            return (
              <CatalogIndexPageWithLastOrder
                filters={<>{Children.toArray(filters)}</>}
                pagination={config.pagination}
                exportSettings={
                  exportSettings.enabled ? exportSettings : undefined
                }
              />
            );
          },
        },
      });
    },
  });

/**
 * Adds the Last order column to the catalog's index page on Backstage's new frontend system.
 *
 * The catalog has no extension point for table columns yet, so this module overrides the catalog's
 * `page:catalog` extension with the same page, the same filters and the same configuration, and the
 * stock columns followed by "Last order". Install it next to the catalog plugin:
 *
 * ```ts
 * createApp({ features: [catalogLastOrderColumnModule] });
 * ```
 *
 * @alpha
 */
export const catalogLastOrderColumnModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPageWithLastOrder],
});
