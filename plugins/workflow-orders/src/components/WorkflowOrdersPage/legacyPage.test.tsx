import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Route, Routes } from 'react-router-dom';
import { WorkflowOrdersPage } from '../..';
import { workflowOrdersApiRef } from '../../api';
import {
  createTestClient,
  daxBreakout,
  setupMockBackend,
  workflowEntity,
} from '../../__testUtils__';

const dax = daxBreakout();

describe('WorkflowOrdersPage in a legacy app', () => {
  setupMockBackend();

  it('is a routable extension that shows the latest orders where the app mounts it', async () => {
    // Act
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [workflowOrdersApiRef, createTestClient()],
          [catalogApiRef, catalogApiMock({ entities: [workflowEntity(dax)] })],
        ]}
      >
        <Routes>
          <Route path="/workflow-orders" element={<WorkflowOrdersPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/workflow-orders?direction=BUY'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );

    // Assess
    expect(
      await screen.findByRole('heading', { name: 'Workflow orders' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'DAX Breakout Strategy' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/dax-breakout-strategy',
    );
    expect(screen.getByRole('button', { name: /Direction/ })).toHaveTextContent(
      'Buy',
    );
  });
});
