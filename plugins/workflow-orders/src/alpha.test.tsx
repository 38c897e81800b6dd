import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { workflowOrdersApiRef } from './api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import plugin, {
  workflowOrdersEntityContent,
  workflowOrdersLastOrderCard,
  workflowOrdersPage,
} from './alpha';
import {
  createTestClient,
  eurUsdMeanReversion,
  setupMockBackend,
  unrelatedEntity,
  workflowEntity,
} from './__testUtils__';

const eurusd = eurUsdMeanReversion();

/** Renders `elements` on the entity page of `entity` (EUR/USD's), the permission as given. */
function renderOnEntityPage(
  elements: ReactNode,
  options: {
    entity?: Entity;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const result = options.permission ?? AuthorizeResult.ALLOW;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [workflowOrdersApiRef, createTestClient()],
        [permissionApiRef, mockApis.permission({ authorize: result })],
      ]}
    >
      <EntityProvider entity={options.entity ?? workflowEntity(eurusd)}>
        {elements}
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('workflow-orders for the new frontend system', () => {
  const { requests } = setupMockBackend();

  it('adds an Orders tab at "orders" only to trading workflows', async () => {
    // Act
    const tester = createExtensionTester(workflowOrdersEntityContent);

    // Assess
    expect(tester.get(coreExtensionData.routePath)).toBe('orders');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Orders');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(workflowEntity(eurusd))).toBe(true);
    expect(filter(unrelatedEntity())).toBe(false);
  });

  it('renders the Orders tab of the entity', async () => {
    await renderOnEntityPage(
      createExtensionTester(workflowOrdersEntityContent).reactElement(),
    );

    expect(
      await screen.findByText('4 orders in the last 7 days'),
    ).toBeInTheDocument();
  });

  it('renders the Last order card only for trading workflows', async () => {
    // Prepare
    const tester = createExtensionTester(workflowOrdersLastOrderCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    // Act
    await renderOnEntityPage(tester.reactElement());

    // Assess
    expect(
      await screen.findByText('Last order: 2 days ago'),
    ).toBeInTheDocument();
    expect(filter(unrelatedEntity())).toBe(false);
  });

  it('says on the tab and the card that the user may not see the orders, without asking for them', async () => {
    // Act
    await renderOnEntityPage(
      <>
        {createExtensionTester(workflowOrdersEntityContent).reactElement()}
        {createExtensionTester(workflowOrdersLastOrderCard).reactElement()}
      </>,
      {
        entity: workflowEntity({ id: eurusd.id, name: 'EUR/USD restricted' }),
        permission: AuthorizeResult.DENY,
      },
    );

    // Assess
    expect(
      await screen.findAllByText(
        "You don't have permission to see this workflow's orders",
      ),
    ).toHaveLength(2);
    expect(requests).toHaveLength(0);
  });

  it('puts the Last order card with the summary of the entity, beside the About card', () => {
    const tester = createExtensionTester(workflowOrdersLastOrderCard);

    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
  });

  it('adds the Workflow orders page at /workflow-orders, with a title and icon for the sidebar', () => {
    // Act
    const tester = createExtensionTester(workflowOrdersPage);

    // Assess
    expect(tester.get(coreExtensionData.routePath)).toBe('/workflow-orders');
    expect(tester.get(coreExtensionData.title)).toBe('Workflow orders');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('renders the Workflow orders page with the latest order of each workflow', async () => {
    // Act
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [workflowOrdersApiRef, createTestClient()],
          [
            catalogApiRef,
            catalogApiMock({ entities: [workflowEntity(eurusd)] }),
          ],
        ]}
      >
        {createExtensionTester(workflowOrdersPage).reactElement()}
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    // Assess
    expect(
      await screen.findByRole('heading', { name: 'Workflow orders' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'EUR/USD Mean Reversion' }),
    ).toBeInTheDocument();
  });

  it('is the workflow-orders plugin with its API, tab, card and page', () => {
    expect(plugin.pluginId).toBe('workflow-orders');
    expect(plugin.getExtension('api:workflow-orders')).toBeDefined();
    expect(plugin.getExtension('entity-content:workflow-orders')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:workflow-orders/last-order'),
    ).toBeDefined();
    expect(plugin.getExtension('page:workflow-orders')).toBeDefined();
  });
});
