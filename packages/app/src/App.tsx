/*
 * The local portal's app, as `@backstage/create-app` generates it today: Backstage's new frontend
 * system, with the catalog and this portal's sign-in page and sidebar. The workflow-orders plugin is
 * found through `app.packages: all` (app-config.yaml) without an import; the one line it needs here
 * is the module that adds the Last order column to the catalog's table. The signals plugin gives
 * the app its signals API, so the workflow-orders screens show new orders as they are placed.
 */
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import { catalogLastOrderColumnModule } from '@workflow-orders/plugin-workflow-orders/alpha';
import { appModule } from './modules/app';

export default createApp({
  features: [
    catalogPlugin,
    signalsPlugin,
    appModule,
    catalogLastOrderColumnModule,
  ],
});
