import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkflowOrderHistoryResponse } from '@workflow-orders/plugin-workflow-orders-common';
import {
  answerChanged,
  aWorkflow,
  daxBreakout,
  expectNoButton,
  expectNotShown,
  legacyMomentum,
  MockWorkflow,
  renderForWorkflow,
  renderWithEntity,
  setupMockBackend,
  workflowEntity,
} from '../../__testUtils__';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const dax = daxBreakout();

/** The "When" cell of each order row, top to bottom. */
function shownTimes(): string[] {
  return screen.getAllByRole('row').flatMap(row => {
    const time = row.querySelector('time');
    return time ? [time.textContent ?? ''] : [];
  });
}

/** A workflow with the 3 newest orders of the DAX workflow, the last of them `lastAgo` seconds old. */
function threeOrders(
  fields: Pick<MockWorkflow, 'id' | 'name'> & Partial<MockWorkflow>,
  lastAgo?: number,
): MockWorkflow {
  const orders = daxBreakout().orders.slice(0, 3);
  return aWorkflow({
    ...fields,
    orders: orders.map((order, index) => ({
      ...order,
      id: `${fields.name}-${order.id}`,
      secondsAgo:
        index === 2 && lastAgo !== undefined ? lastAgo : order.secondsAgo,
    })),
  });
}

describe('EntityWorkflowOrdersContent', () => {
  const { server, requests, serve } = setupMockBackend();

  /** Renders the Orders tab of a workflow of {@link threeOrders}, and waits for its orders. */
  async function renderTabOfThreeOrders(workflow: {
    id: string;
    name: string;
  }) {
    serve([threeOrders(workflow)]);
    await renderForWorkflow(<EntityWorkflowOrdersContent />, workflow);
    await screen.findByText('3 orders in the last 7 days');
  }

  it('lists the orders newest first with direction, quantity, price, asset and type', async () => {
    // Act
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);

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
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);
    await screen.findByText('Showing 20 of 27');

    // Act
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    // Assess
    expect(await screen.findByText('Showing 27 of 27')).toBeInTheDocument();
    expect(shownTimes()).toHaveLength(27);
    expectNoButton('Load more');
    expect(requests[1].url.searchParams.get('cursor')).toEqual(
      expect.any(String),
    );
  });

  it('says the count is a lower bound when the backend stopped counting', async () => {
    // Prepare: the backend counted 1,000 of a busy workflow's orders and stopped
    server.use(
      answerChanged<WorkflowOrderHistoryResponse>(
        'get',
        '/workflows/:workflowId/orders',
        page => ({ ...page, total_count: 1000, total_count_exact: false }),
      ),
    );

    // Act
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);

    // Assess
    expect(
      await screen.findByText('1,000+ orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(screen.getByText('Showing 20 of 1,000+')).toBeInTheDocument();
  });

  it('drops an order that expired while the page was open at the next refresh', async () => {
    // Prepare
    const shrinking = {
      id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      name: 'Shrinking',
    };
    await renderTabOfThreeOrders(shrinking);

    // Act
    serve([threeOrders(shrinking, 8 * 86400)]);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    // Assess
    expect(
      await screen.findByText('2 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(shownTimes()).toEqual(['3 minutes ago', '5 hours ago']);
  });

  it('opens every detail of an order, and when it expires, on a row click', async () => {
    // Prepare
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);
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
    const legacy = legacyMomentum();
    serve([legacy]);
    const entity = workflowEntity(legacy);
    entity.metadata.title = 'Momentum (legacy engine)';
    await renderWithEntity(<EntityWorkflowOrdersContent />, { entity });
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
        `Momentum (legacy engine) (${legacy.id})`,
      ),
    ).toBeInTheDocument();
  });

  it('replaces the orders shown with the lack of permission when a refresh answers 404', async () => {
    // Prepare
    const revoked = {
      id: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a',
      name: 'Revoked',
    };
    await renderTabOfThreeOrders(revoked);

    // Act
    serve([threeOrders({ ...revoked, hidden: true })]);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    // Assess
    expect(
      await screen.findByText(
        "You don't have permission to see this workflow's orders",
      ),
    ).toBeInTheDocument();
    expectNotShown('3 orders in the last 7 days');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
