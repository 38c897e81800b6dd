import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { workflowOrdersReadPermission } from '@workflow-orders/plugin-workflow-orders-common';
import { WorkflowOrdersApi } from '../../api';
import {
  MockWorkflow,
  demoWorkflows,
  unrelatedEntity,
  workflowEntity,
  firstReleaseWorkflow as firstRelease,
} from '../../mocks/data';
import {
  createTestClient,
  setupMockBackend,
} from '../../__testUtils__/mockBackend';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EntityLastOrderCard } from './EntityLastOrderCard';

const [dax, eurusd, , idle, , , hidden] = demoWorkflows;

const NO_PERMISSION = "You don't have permission to see this workflow's orders";

describe('EntityLastOrderCard', () => {
  const flaky: MockWorkflow = {
    ...idle,
    id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    failing: true,
  };
  const { requests } = setupMockBackend({
    workflows: [...demoWorkflows, flaky, firstRelease],
  });

  it('shows progress while the activity loads', async () => {
    // Prepare
    const client = createTestClient();
    let answer: () => void = () => {};
    const api = {
      getWorkflowActivity: options =>
        new Promise<void>(resolve => (answer = resolve)).then(() =>
          client.getWorkflowActivity(options),
        ),
    } as WorkflowOrdersApi;

    // Act
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(eurusd),
      api,
    });

    // Assess
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    act(() => answer());
    expect(
      await screen.findByText('Last order: 2 days ago'),
    ).toBeInTheDocument();
  });

  it('shows the last order, the count and a bar per day of the last 7 days', async () => {
    // Act
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(eurusd),
    });

    // Assess
    expect(
      await screen.findByText('Last order: 2 days ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('BUY')).toBeInTheDocument();
    expect(screen.getByText('1 EURUSD @ 1.0842')).toBeInTheDocument();
    expect(screen.getByText('4 orders in the last 7 days')).toBeInTheDocument();
    const chart = screen.getByRole('img', {
      name: 'Orders per day, last 7 days',
    });
    expect(chart).toHaveAccessibleDescription(
      /^(\w{3} \d{4}-\d\d-\d\d: \d+ orders?, ){6}\w{3} \d{4}-\d\d-\d\d: \d+ orders?$/,
    );
    expect(screen.getAllByTestId('daily-orders-bar')).toHaveLength(7);
  });

  it("shows a dash for what the order's writer did not store", async () => {
    // Act
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(firstRelease),
    });

    // Assess
    expect(
      await screen.findByText('Last order: 2 minutes ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('— DAX.I @ 18,000.5')).toBeInTheDocument();
    expect(screen.getByText('1 order in the last 7 days')).toBeInTheDocument();
  });

  it('tells how many minutes ago a recent order was placed', async () => {
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(dax),
    });

    expect(
      await screen.findByText('Last order: 3 minutes ago'),
    ).toBeInTheDocument();
  });

  it('says "No orders yet" when the workflow placed none', async () => {
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(idle),
    });

    expect(await screen.findByText('No orders yet')).toBeInTheDocument();
    expect(screen.getByText('0 orders in the last 7 days')).toBeInTheDocument();
  });

  it('shows the error with a retry, and the activity once the retry succeeds', async () => {
    // Prepare
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(flaky),
    });
    expect(
      await screen.findByText(/Could not load the last order/),
    ).toBeInTheDocument();
    expect(screen.queryByText('No orders yet')).not.toBeInTheDocument();

    // Act
    flaky.failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    // Assess
    expect(await screen.findByText('No orders yet')).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the last order/),
    ).not.toBeInTheDocument();
  });

  it('links to the Orders tab', async () => {
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: workflowEntity(eurusd),
    });

    const link = await screen.findByRole('link', { name: /View all orders/ });
    expect(link).toHaveAttribute('href', '/orders');
  });

  it('explains the missing annotation on an entity that is not a workflow', async () => {
    await renderWithEntity(<EntityLastOrderCard />, {
      entity: unrelatedEntity,
    });

    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });

  describe('without the permission to read the orders', () => {
    // The permission framework caches decisions per entity: each case has an entity of its own.
    const restricted = (name: string) =>
      workflowEntity({ id: eurusd.id, name: `EUR/USD ${name}` });

    it('says so, with whom to ask, and asks for no orders', async () => {
      // Prepare
      const authorize = jest.fn(
        (): AuthorizeResult.DENY => AuthorizeResult.DENY,
      );
      const entity = restricted('denied');

      // Act
      await renderWithEntity(<EntityLastOrderCard />, {
        entity,
        permission: mockApis.permission({ authorize }),
      });

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(screen.getByText(/Ask the workflow's owner/)).toBeInTheDocument();
      expect(screen.queryByText('No orders yet')).not.toBeInTheDocument();
      expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
      expect(
        screen.queryByRole('link', { name: /View all orders/ }),
      ).not.toBeInTheDocument();
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
      let decide: () => void = () => {};
      const permission: PermissionApi = {
        authorize: () =>
          new Promise(resolve => {
            decide = () => resolve({ result: AuthorizeResult.ALLOW });
          }),
      };

      // Act
      await renderWithEntity(<EntityLastOrderCard />, {
        entity: restricted('deciding'),
        permission,
      });

      // Assess
      expect(screen.getByTestId('progress')).toBeInTheDocument();
      expect(requests).toHaveLength(0);
      act(() => decide());
      expect(
        await screen.findByText('Last order: 2 days ago'),
      ).toBeInTheDocument();
      expect(requests).toHaveLength(1);
    });

    it('says so when the backend does not show the workflow (404)', async () => {
      // Act
      await renderWithEntity(<EntityLastOrderCard />, {
        entity: workflowEntity(hidden),
      });

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(requests.map(r => r.url.pathname)).toEqual([
        `/api/workflow-orders/workflows/${hidden.id}/activity`,
      ]);
      expect(screen.queryByText('No orders yet')).not.toBeInTheDocument();
      expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Retry' }),
      ).not.toBeInTheDocument();
    });
  });
});
