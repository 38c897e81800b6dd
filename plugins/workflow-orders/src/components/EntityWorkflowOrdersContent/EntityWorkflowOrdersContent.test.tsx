import { act, screen, within } from '@testing-library/react';
import { WorkflowOrdersApi } from '../../api';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import {
  demoWorkflows,
  MockWorkflow,
  unrelatedEntity,
  workflowEntity,
  firstReleaseWorkflow as firstRelease,
} from '../../mocks/data';
import {
  createTestClient,
  setupMockBackend,
} from '../../__testUtils__/mockBackend';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const [dax, , , idle, , , hidden] = demoWorkflows;

const NO_PERMISSION = "You don't have permission to see this workflow's orders";

/** The "When" cell of each order row, top to bottom. */
function shownTimes(): string[] {
  return screen.getAllByRole('row').flatMap(row => {
    const time = row.querySelector('time');
    return time ? [time.textContent ?? ''] : [];
  });
}

describe('EntityWorkflowOrdersContent', () => {
  const flaky: MockWorkflow = {
    id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    name: 'Flaky',
    orders: dax.orders.slice(0, 2).map(o => ({ ...o, id: `flaky-${o.id}` })),
    failing: true,
  };
  const shrinking: MockWorkflow = {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    name: 'Shrinking',
    orders: dax.orders.slice(0, 3).map(o => ({ ...o, id: `old-${o.id}` })),
  };
  const workflows = [...demoWorkflows, flaky, shrinking, firstRelease];
  const { requests } = setupMockBackend({ workflows });

  it('shows progress while the orders load', async () => {
    // Prepare
    const client = createTestClient();
    let answer: () => void = () => {};
    const api = {
      getOrders: (options: Parameters<WorkflowOrdersApi['getOrders']>[0]) =>
        new Promise<void>(resolve => (answer = resolve)).then(() =>
          client.getOrders(options),
        ),
    } as WorkflowOrdersApi;

    // Act
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
      api,
    });

    // Assess
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    act(() => answer());
    expect(
      await screen.findByText('27 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('lists the orders newest first with direction, quantity, price, asset and type', async () => {
    // Act
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
    });

    // Assess
    await screen.findByText('27 orders in the last 7 days');
    expect(shownTimes().slice(0, 3)).toEqual([
      '3 minutes ago',
      '5 hours ago',
      '10 hours ago',
    ]);
    const firstRow = screen.getAllByRole('row')[1];
    expect(within(firstRow).getByText('BUY')).toBeInTheDocument();
    expect(within(firstRow).getByText('DAX.I')).toBeInTheDocument();
    expect(within(firstRow).getByText('LIMIT')).toBeInTheDocument();
    expect(screen.getByText('Last updated just now')).toBeInTheDocument();
  });

  it('shows 20 orders and loads the next page through the cursor', async () => {
    // Prepare
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
    });
    await screen.findByText('Showing 20 of 27');

    // Act
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    // Assess
    expect(await screen.findByText('Showing 27 of 27')).toBeInTheDocument();
    expect(shownTimes()).toHaveLength(27);
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(requests[1].url.searchParams.get('cursor')).toEqual(
      expect.any(String),
    );
  });

  it('says the count is a lower bound when the backend stopped counting', async () => {
    // Prepare: the backend counted 1,000 of a busy workflow's orders and stopped
    const client = createTestClient();
    const api = {
      getOrders: async (
        options: Parameters<WorkflowOrdersApi['getOrders']>[0],
      ) => ({
        ...(await client.getOrders(options)),
        total_count: 1000,
        total_count_exact: false,
      }),
    } as WorkflowOrdersApi;

    // Act
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
      api,
    });

    // Assess
    expect(
      await screen.findByText('1,000+ orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 20 of 1,000+')).toBeInTheDocument();
  });

  it('says so when the workflow placed no order in the window', async () => {
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(idle),
    });

    expect(
      await screen.findByText('No orders placed in the last 7 days'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error, not an empty history, and recovers on retry', async () => {
    // Prepare
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(flaky),
    });
    expect(
      await screen.findByText(/Could not load the orders/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `DynamoDB at http://localhost:8000 did not answer (while reading the orders of workflow ${flaky.id}): connect ECONNREFUSED 127.0.0.1:8000`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('No orders placed in the last 7 days'),
    ).not.toBeInTheDocument();

    // Act
    flaky.failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    // Assess
    expect(
      await screen.findByText('2 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the orders/),
    ).not.toBeInTheDocument();
  });

  it('drops an order that expired while the page was open at the next refresh', async () => {
    // Prepare
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(shrinking),
    });
    await screen.findByText('3 orders in the last 7 days');

    // Act
    shrinking.orders[2].secondsAgo = 8 * 86400;
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    // Assess
    expect(
      await screen.findByText('2 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(shownTimes()).toEqual(['3 minutes ago', '5 hours ago']);
  });

  it('opens every detail of an order, and when it expires, on a row click', async () => {
    // Prepare
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
    });
    await screen.findByText('27 orders in the last 7 days');

    // Act
    await userEvent.click(screen.getAllByRole('row')[1]);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('cli:trader@example.com'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('CfdOnIndex')).toBeInTheDocument();
    expect(
      within(dialog).getByText(`DAX Breakout Strategy (${dax.id})`),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('dax-001')).toBeInTheDocument();
    expect(within(dialog).getByText('in 6 days')).toBeInTheDocument();
  });

  it("names the workflow by its entity's title, and shows a dash, for what an order's writer did not store", async () => {
    // Prepare
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: {
        ...workflowEntity(firstRelease),
        metadata: {
          ...workflowEntity(firstRelease).metadata,
          title: 'Momentum (legacy engine)',
        },
      },
    });
    await screen.findByText('1 order in the last 7 days');
    const [, row] = screen.getAllByRole('row');
    expect(
      [...row.querySelectorAll('th, td')].map(cell => cell.textContent),
    ).toEqual(['2 minutes ago', '—', '—', '18,000.5', 'DAX.I', '—']);

    // Act
    await userEvent.click(row);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        `Momentum (legacy engine) (${firstRelease.id})`,
      ),
    ).toBeInTheDocument();
  });

  it('explains the missing annotation on an entity that is not a workflow', async () => {
    await renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: unrelatedEntity,
    });

    expect(screen.getByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/workflow-orders\/workflow-id/).length,
    ).toBeGreaterThan(0);
    expect(requests).toHaveLength(0);
  });

  describe('without the permission to read the orders', () => {
    // The permission framework caches decisions per entity: each case has an entity of its own.
    const restricted = (name: string) =>
      workflowEntity({ id: dax.id, name: `DAX ${name}` });

    it('says so, with whom to ask, and asks for no orders', async () => {
      // Act
      await renderWithEntity(<EntityWorkflowOrdersContent />, {
        entity: restricted('denied'),
        permission: mockApis.permission({ authorize: AuthorizeResult.DENY }),
      });

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(screen.getByText(/Ask the workflow's owner/)).toBeInTheDocument();
      expect(
        screen.queryByText('No orders placed in the last 7 days'),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByText(/Could not load the orders/),
      ).not.toBeInTheDocument();
      expect(requests).toHaveLength(0);
    });

    it('shows progress, and asks for nothing, while the permission is decided', async () => {
      // Prepare
      let decide: () => void = () => {};
      const permission: PermissionApi = {
        authorize: () =>
          new Promise(resolve => {
            decide = () => resolve({ result: AuthorizeResult.DENY });
          }),
      };

      // Act
      await renderWithEntity(<EntityWorkflowOrdersContent />, {
        entity: restricted('deciding'),
        permission,
      });

      // Assess
      expect(screen.getByTestId('progress')).toBeInTheDocument();
      act(() => decide());
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
      expect(requests).toHaveLength(0);
    });

    it('replaces the orders shown with the message when a refresh answers 404', async () => {
      // Prepare
      const revoked: MockWorkflow = {
        id: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a',
        name: 'Revoked',
        orders: dax.orders.slice(0, 3).map(o => ({ ...o, id: `rev-${o.id}` })),
      };
      workflows.push(revoked);
      await renderWithEntity(<EntityWorkflowOrdersContent />, {
        entity: workflowEntity(revoked),
      });
      await screen.findByText('3 orders in the last 7 days');

      // Act
      revoked.hidden = true;
      await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(
        screen.queryByText('3 orders in the last 7 days'),
      ).not.toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
    });

    it('says so when the backend does not show the workflow (404)', async () => {
      // Act
      await renderWithEntity(<EntityWorkflowOrdersContent />, {
        entity: workflowEntity(hidden),
      });

      // Assess
      expect(await screen.findByText(NO_PERMISSION)).toBeInTheDocument();
      expect(requests).toHaveLength(1);
      expect(
        screen.queryByText('No orders placed in the last 7 days'),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByText(/Could not load the orders/),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Retry' }),
      ).not.toBeInTheDocument();
    });
  });
});
