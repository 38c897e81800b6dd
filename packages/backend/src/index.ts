/*
 * The local portal's backend: a stock Backstage backend with the workflow-orders plugin and its
 * actions over MCP, plus two modules of the local portal's own: sign-in as a demo user, and the demo
 * permission policy.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoPermissionPolicyModule } from './demoPermissionPolicy';
import { demoSignInProviderModule } from './demoSignInProvider';
import { rootHttpRouterWithRequestIds } from './requestIds';

const backend = createBackend();

// Every answer names its request id; error bodies outside development carry no cause.
backend.add(rootHttpRouterWithRequestIds);

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in as a user of the demo catalog (development only); scripts use the static token of
// backend.auth.externalAccess.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(demoSignInProviderModule);

backend.add(import('@backstage/plugin-catalog-backend'));

// "You see the orders of workflows your group owns; operations see all."
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

backend.add(import('@workflow-orders/plugin-workflow-orders-backend'));

// Pushes the plugin's live hints to browsers over a websocket; without it, screens poll.
backend.add(import('@backstage/plugin-signals-backend'));

// The plugin's read-only actions, served to AI assistants over MCP (streamable HTTP) at
// /api/mcp-actions/v1, with the caller's own token and permissions.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
