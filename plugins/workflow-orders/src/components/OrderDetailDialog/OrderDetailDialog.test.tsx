import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkflowOrderListItem } from '@workflow-orders/plugin-workflow-orders-common';
import {
  answerError,
  daxBreakout,
  renderWithEntity,
  setupMockBackend,
  storeUnavailable,
  workflowEntity,
} from '../../__testUtils__';
import { OrderDetailDialog } from './OrderDetailDialog';

const dax = daxBreakout();

const order: WorkflowOrderListItem = {
  id: 'dax-001',
  workflow_id: dax.id,
  placed_at: new Date(Date.now() - 3 * 60_000).toISOString(),
  order_code: 'DAX.I',
  order_price: 18250.5,
  order_quantity: 1,
  order_direction: 'BUY',
  order_type: 'LIMIT',
};

describe('OrderDetailDialog', () => {
  const { server } = setupMockBackend();

  function renderDialog(props: { ordersTabHref?: string } = {}) {
    const onClose = jest.fn();
    const rendered = renderWithEntity(
      <OrderDetailDialog order={order} onClose={onClose} {...props} />,
      { entity: workflowEntity(dax) },
    );
    return { onClose, rendered };
  }

  it('names the order in its title and shows the stored details once loaded', async () => {
    // Act
    renderDialog();

    // Assess
    const dialog = await screen.findByRole('dialog', { name: 'BUY 1 DAX.I' });
    expect(
      await within(dialog).findByText('cli:trader@example.com'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('LIMIT')).toBeInTheDocument();
    expect(within(dialog).getByText('18,250.5')).toBeInTheDocument();
    expect(
      within(dialog).getAllByText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/),
    ).toHaveLength(2);
    expect(
      within(dialog).queryByRole('link', {
        name: 'All orders of this workflow',
      }),
    ).not.toBeInTheDocument();
  });

  it("links to the workflow's Orders tab when told where it is", async () => {
    // Act
    renderDialog({ ordersTabHref: '/catalog/default/component/dax/orders' });

    // Assess
    const link = await screen.findByRole('link', {
      name: 'All orders of this workflow',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/dax/orders',
    );
  });

  it('closes on Escape and on the Close button', async () => {
    // Prepare
    const { onClose } = renderDialog();
    await screen.findByRole('dialog');

    // Act
    await userEvent.keyboard('{Escape}');

    // Assess
    expect(onClose).toHaveBeenCalledTimes(1);

    // Act
    await userEvent.click(screen.getAllByRole('button', { name: 'Close' })[1]);

    // Assess
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows what it knows, the error and a retry when the details fail to load', async () => {
    // Prepare
    const error = storeUnavailable(`looking up order ${order.id}`);
    server.use(answerError('get', '/orders/:orderId', error, { once: true }));
    renderDialog();

    // Act
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(error.message)).toBeInTheDocument();
    expect(within(dialog).getByText('DAX.I')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retry' }),
    );

    // Assess
    expect(
      await within(dialog).findByText('cli:trader@example.com'),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(error.message)).not.toBeInTheDocument();
  });
});
