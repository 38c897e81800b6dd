/*
 * The local portal's backend: the smallest Backstage backend that shows the workflow-orders plugin the
 * way an adopter installs it. Everything except the last line is a stock Backstage backend.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Guest sign-in for the browser; scripts use the static token of backend.auth.externalAccess.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@workflow-orders/plugin-workflow-orders-backend'));

backend.start();
