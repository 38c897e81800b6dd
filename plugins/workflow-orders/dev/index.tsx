/*
 * The plugin on its own, against an in-browser mock of the workflow-orders backend (msw):
 *
 *   npm start            (in plugins/workflow-orders) then open http://localhost:3000
 *
 * The mock serves several workflows with orders of various ages, one with none, one whose requests
 * fail, one that answers after 2.5 s, and one the user may not see (404, a null summary); see
 * src/mocks/demoWorkflows.ts. The service worker, public/mockServiceWorker.js, is msw's own; msw
 * rewrites it on install when its version changes (the `msw.workerDirectory` field of package.json).
 */
import { setupWorker } from 'msw/browser';
import { createDevApp } from '@backstage/dev-utils';
import { workflowOrdersPlugin } from '../src/plugin';
import { createWorkflowOrdersHandlers } from '../src/mocks/handlers';
import { demoWorkflows } from '../src/mocks/demoWorkflows';
import { DevWorkflowListPage, DevWorkflowPage } from './DevWorkflowPages';
import { guestSignInHandler } from './guestSignIn';

const worker = setupWorker(
  guestSignInHandler,
  ...createWorkflowOrdersHandlers({ workflows: demoWorkflows() }),
);

worker
  .start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  })
  .then(() =>
    createDevApp()
      .registerPlugin(workflowOrdersPlugin)
      .addPage({
        title: 'Workflows',
        path: '/workflows',
        element: <DevWorkflowListPage />,
      })
      .addPage({ path: '/workflows/:name', element: <DevWorkflowPage /> })
      .render(),
  );
