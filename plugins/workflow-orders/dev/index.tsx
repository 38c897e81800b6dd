/*
 * The plugin on its own, against an in-browser mock of the workflow-orders backend (msw):
 *
 *   npm start            (in plugins/workflow-orders) then open http://localhost:3000
 *
 * The mock serves several workflows with orders of various ages, one with none, one whose requests
 * fail, one that answers after 2.5 s, and one the user may not see (404, a null summary); see
 * src/mocks/demoWorkflows.ts. While a screen is open, one of them places an order every 10 s and the
 * screens show it live (src/mocks/liveFeed.ts stands in for the signals plugin). The service worker,
 * public/mockServiceWorker.js, is msw's own; msw rewrites it on install when its version changes
 * (the `msw.workerDirectory` field of package.json).
 */
import { setupWorker } from 'msw/browser';
import { createDevApp } from '@backstage/dev-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { workflowOrdersPlugin } from '../src/plugin';
import { createWorkflowOrdersHandlers } from '../src/mocks/handlers';
import { demoWorkflows } from '../src/mocks/demoWorkflows';
import { createMockLiveFeed } from '../src/mocks/liveFeed';
import { DevWorkflowListPage, DevWorkflowPage } from './DevWorkflowPages';
import { guestSignInHandler } from './guestSignIn';

const workflows = demoWorkflows();
const origin = Date.now();
const live = createMockLiveFeed(workflows, { origin });
const worker = setupWorker(
  guestSignInHandler,
  ...createWorkflowOrdersHandlers({ workflows, origin, live }),
);

worker
  .start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  })
  .then(() =>
    createDevApp()
      .registerPlugin(workflowOrdersPlugin)
      .registerApi({
        api: signalApiRef,
        deps: {},
        factory: () => live.signalApi,
      })
      .addPage({
        title: 'Workflows',
        path: '/workflows',
        element: <DevWorkflowListPage />,
      })
      .addPage({ path: '/workflows/:name', element: <DevWorkflowPage /> })
      .render(),
  );
