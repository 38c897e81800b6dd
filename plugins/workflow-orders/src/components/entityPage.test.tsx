import { ReactElement } from 'react';
import { act, screen } from '@testing-library/react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { workflowOrdersReadPermission } from '@workflow-orders/plugin-workflow-orders-common';
import {
  bundFuturesCarry,
  deferredPermission,
  eurUsdMeanReversion,
  expectNoButton,
  expectNotShown,
  healthyWorkflows,
  holdRequests,
  nasdaqOpeningRange,
  renderForWorkflow,
  renderWithEntity,
  setupMockBackend,
  unrelatedEntity,
  workflowEntity,
} from '../__testUtils__';
import { EntityLastOrderCard } from './EntityLastOrderCard';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const NO_PERMISSION = "You don't have permission to see this workflow's orders";
const eurusd = eurUsdMeanReversion();

// The permission framework caches decisions per entity: each case has an entity of its own.
let entities = 0;
const restricted = () =>
  workflowEntity({ id: eurusd.id, name: `EUR/USD ${(entities += 1)}` });

describe.each<[string, ReactElement, string, string[]]>([
  [
    'the Last order card',
    <EntityLastOrderCard />,
    'Last order: 2 days ago',
    ['No orders yet', '0 orders in the last 7 days'],
  ],
  [
    'the Orders tab',
    <EntityWorkflowOrdersContent />,
    '4 orders in the last 7 days',
    ['No orders placed in the last 7 days'],
  ],
])('%s of an entity page', (_, element, loaded, noOrders) => {
  const { server, requests, serve } = setupMockBackend();

  it('shows progress while the orders load', async () => {
    // Prepare
    const release = holdRequests(server);

    // Act
    await renderForWorkflow(element, eurusd);

    // Assess
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    act(() => release());
    expect(await screen.findByText(loaded)).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('says so when the workflow placed no order in the window', async () => {
    await renderForWorkflow(element, nasdaqOpeningRange());

    expect(await screen.findByText(noOrders[0])).toBeInTheDocument();
    for (const text of noOrders) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expectNoButton('Retry');
  });

  it('explains the missing annotation on an entity that is not a workflow', async () => {
    await renderWithEntity(element, { entity: unrelatedEntity() });

    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/workflow-orders\/workflow-id/).length,
    ).toBeGreaterThan(0);
    expect(requests).toHaveLength(0);
  });

  describe('without the permission to read the orders', () => {
    it('says so, with whom to ask, and asks for no orders', async () => {
      // Prepare
      const authorize = jest.fn(
        (): AuthorizeResult.DENY => AuthorizeResult.DENY,
      );
      const entity = restricted();

      // Act
      await renderWithEntity(element, {
        entity,
        permission: mockApis.permission({ authorize }),
      });

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(screen.getByText(/Ask the workflow's owner/)).toBeInTheDocument();
      expectNotShown(/No orders/, /Could not load/, /View all orders/);
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: workflowOrdersReadPermission,
          resourceRef: stringifyEntityRef(entity),
        }),
      );
      expect(requests).toHaveLength(0);
    });

    it('shows progress, and asks for nothing, while the permission is decided', async () => {
      // Prepare
      const { permission, decide } = deferredPermission(AuthorizeResult.ALLOW);

      // Act
      await renderWithEntity(element, { entity: restricted(), permission });

      // Assess
      expect(screen.getByTestId('progress')).toBeInTheDocument();
      expect(requests).toHaveLength(0);
      act(() => decide());
      expect(await screen.findByText(loaded)).toBeInTheDocument();
      expect(requests).toHaveLength(1);
    });

    it('says so when the backend does not show the workflow (404)', async () => {
      // Prepare
      const hidden = bundFuturesCarry();
      serve([...healthyWorkflows(), hidden]);

      // Act
      await renderForWorkflow(element, hidden);

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(requests).toHaveLength(1);
      expect(requests[0].url.pathname).toContain(`/workflows/${hidden.id}/`);
      expectNotShown(/No orders/, /Could not load/);
      expectNoButton('Retry');
    });
  });
});
