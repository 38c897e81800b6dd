/*
 * What an adopter does with one app, as tests run one after another (a step needs the ones before
 * it): scaffold, install, the README's steps, no second copy of any @backstage package, type-check,
 * build, run, record an order and see it on every screen. The apps run in parallel workers and take
 * turns for the processor (./turns).
 */
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
} from '@playwright/test';
import { stopCommands, type Service } from '@workflow-orders/local-portal';
import type { ServedDirectory } from '@workflow-orders/test-utils';
import {
  applyAppConfig,
  applyBackendIndex,
  applyLegacyApp,
  applyLegacyAppPage,
  applyLegacyEntityPage,
  applyNewFrontendApp,
  applyWorkflowEntity,
  CONFIG_ARGS,
  writeRunConfig,
} from './apps';
import { recordOrder } from './engine';
import { addPackage, install } from './install';
import {
  checkView,
  serveApp,
  signIn,
  startBackend,
  VIEWS,
} from './portalChecks';
import { bumpToCurrentRelease, scaffold } from './scaffold';
import {
  appDir,
  type Kind,
  LABELS,
  note,
  PACKAGES,
  PORTS,
  sh,
  systemOf,
} from './settings';
import { acquire, inTurn, release } from './turns';
import { copiesAdded } from './versions';

/** Declares the adoption tests of the app of `kind`. */
export function adoptionTests(kind: Kind): void {
  const dir = () => appDir(kind);
  const inApp = (command: string, log: string) =>
    sh(command, { cwd: dir(), log: `${kind}-${log}` });

  test.describe.serial(`${LABELS[kind]} app`, () => {
    let backend: Service | undefined;
    let server: ServedDirectory | undefined;
    let context: BrowserContext | undefined;

    /** The browser signed in to the app once; the views share it. */
    async function signedIn(browser: Browser) {
      context ??= await signIn(browser, kind);
      return context;
    }

    test.afterAll(async () => {
      await context?.close();
      await backend?.stop();
      await server?.close();
      stopCommands();
      release('processor');
      release('scaffolder');
    });

    test('create-app scaffolds the app', async () => {
      await inTurn('scaffolder', () => scaffold(kind));
    });

    if (kind === 'bumped') {
      test('moved to the current Backstage release', async () => {
        await bumpToCurrentRelease(kind);
      });
    }

    test('yarn install', async () => {
      await install(kind);
    });

    test('README: yarn add the backend plugin', async () => {
      const dependencies = await addPackage(
        kind,
        'backend-add',
        PACKAGES.backend,
      );
      expect(Object.keys(dependencies)).toContain(PACKAGES.backend);
    });

    test('README: backend.add in packages/backend/src/index.ts', () =>
      applyBackendIndex(kind));

    test('README: workflowOrders in app-config.yaml', () =>
      applyAppConfig(kind));

    test('README: a workflow entity in the catalog', () =>
      applyWorkflowEntity(kind));

    test('README: yarn add the frontend plugin', async () => {
      const dependencies = await addPackage(kind, 'app-add', PACKAGES.frontend);
      expect(Object.keys(dependencies)).toContain(PACKAGES.frontend);
    });

    if (systemOf(kind) === 'new') {
      test('README: catalogLastOrderColumnModule in App.tsx', () =>
        applyNewFrontendApp(kind));
    } else {
      test('README: Orders tab and Last order card in EntityPage.tsx', () =>
        applyLegacyEntityPage(kind));
      test('README: Last order column in App.tsx', () => applyLegacyApp(kind));
      test('README: Workflow orders page in App.tsx', () =>
        applyLegacyAppPage(kind));
    }

    // Our packages accept the previous release line where its API is the same as the current one's,
    // so an app on either line keeps one copy of each @backstage package it has.
    test('installing our packages adds no second copy of any @backstage package', () => {
      const { before, after, added } = copiesAdded(kind);
      note(
        `@backstage packages in more than one version: ${before} before our packages, ${after} after; added by ours: ${added.length}`,
      );
      expect(added, 'second copies added by our packages').toEqual([]);
    });

    test('yarn tsc', async () => {
      await inTurn('processor', () => inApp('yarn tsc', 'tsc'));
    });

    test('yarn build:backend', async () => {
      await inTurn('processor', () =>
        inApp('yarn build:backend', 'build-backend'),
      );
    });

    test('yarn workspace app build', async () => {
      writeRunConfig(kind);
      await inTurn('processor', () =>
        inApp(`yarn workspace app build ${CONFIG_ARGS.join(' ')}`, 'build-app'),
      );
    });

    // From here to the last view the app holds the processor: its backend, bundle and browser.
    test(`backend starts on :${PORTS[kind].backend} and lists the workflow`, async () => {
      await acquire('processor');
      backend = await startBackend(kind);
    });

    test(`app served on :${PORTS[kind].app}`, async () => {
      server = await serveApp(kind);
    });

    test('the engine records an order', async () => {
      const report = await recordOrder(kind);
      expect(report.recorded).toBe(1);
    });

    for (const view of VIEWS) {
      test(`browser: ${view.replace(/-/g, ' ')} shows the order`, async ({
        browser,
      }) => {
        await checkView(await signedIn(browser), kind, view);
      });
    }
  });
}
