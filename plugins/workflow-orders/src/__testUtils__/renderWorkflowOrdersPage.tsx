import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { workflowOrdersApiRef } from '../api';
import { WorkflowOrdersPage } from '../components/WorkflowOrdersPage/WorkflowOrdersPage';
import {
  daxBreakout,
  eurUsdMeanReversion,
  spxSwing,
} from '../mocks/demoWorkflows';
import { workflowEntity } from '../mocks/fixtures';
import { RecordedRequest, createTestClient } from './mockBackend';
import { ShownSearch } from './screen';

/** The group that owns the DAX and EUR/USD workflows. */
export const TRADING_DESK = 'group:default/trading-desk';

/** A workflow's entity, owned by `owner`, as the catalog relates them. */
export function ownedEntity(
  workflow: { id: string; name: string },
  owner: string,
): Entity {
  const entity = workflowEntity(workflow);
  return {
    ...entity,
    spec: { ...entity.spec, owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** A group of the catalog. */
export function group(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, title },
    spec: { type: 'team', children: [] },
  };
}

/**
 * The catalog of the page's tests: the DAX and EUR/USD workflows of the trading desk, the S&P one of
 * quant research, and the two groups. Gold and the first-release workflow have orders but no
 * entity: deleted, or never registered.
 */
export function pageCatalogEntities(): Entity[] {
  return [
    ownedEntity(daxBreakout(), TRADING_DESK),
    ownedEntity(eurUsdMeanReversion(), TRADING_DESK),
    ownedEntity(spxSwing(), 'group:default/quant-research'),
    group('trading-desk', 'Trading desk'),
    group('quant-research', 'Quant research'),
  ];
}

/** Renders the Workflow orders page at `url`, over the mock backend and a catalog. */
export function renderWorkflowOrdersPage(
  options: {
    url?: string;
    pageSize?: number;
    entities?: Entity[];
    catalog?: CatalogApi;
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [workflowOrdersApiRef, createTestClient()],
        [
          catalogApiRef,
          options.catalog ??
            catalogApiMock({
              entities: options.entities ?? pageCatalogEntities(),
            }),
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <WorkflowOrdersPage pageSize={options.pageSize} />
      <ShownSearch />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/workflow-orders'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Renders the Workflow orders page as {@link renderWorkflowOrdersPage}, and waits for its rows. */
export async function renderLoadedWorkflowOrdersPage(
  options: Parameters<typeof renderWorkflowOrdersPage>[0] = {},
) {
  const rendered = await renderWorkflowOrdersPage(options);
  await screen.findByText('DAX Breakout Strategy');
  return rendered;
}

/** The workflow cell of each body row, top to bottom. */
export function shownWorkflows(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('rowheader')[0].textContent ?? '');
}

/** The query of the last request for the latest orders. */
export function lastLatestOrdersQuery(requests: RecordedRequest[]) {
  return requests.filter(r => r.url.pathname.endsWith('/latest-orders')).at(-1)
    ?.url.searchParams;
}
