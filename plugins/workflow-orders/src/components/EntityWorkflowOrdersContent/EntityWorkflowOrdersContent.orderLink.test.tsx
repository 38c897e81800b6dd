import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  bundFuturesCarry,
  daxBreakout,
  healthyWorkflows,
  renderWithEntity,
  setupMockBackend,
  ShownSearch,
  workflowEntity,
} from '../../__testUtils__';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const dax = daxBreakout();

/** The detail dialog of an order of the DAX workflow, once it shows the order. */
const detailDialog = () => screen.findByRole('dialog', { name: /DAX\.I$/ });

/** Renders the Orders tab of the DAX workflow at `url`, with the URL's query shown. */
function renderTabAt(url: string) {
  return renderWithEntity(
    <>
      <EntityWorkflowOrdersContent />
      <ShownSearch />
    </>,
    { entity: workflowEntity(dax), routeEntries: [url] },
  );
}

describe('EntityWorkflowOrdersContent order links', () => {
  const { serve } = setupMockBackend();

  it('puts the opened order in the URL, and takes it out when the dialog closes', async () => {
    // Prepare
    renderTabAt('/?direction=buy');
    await screen.findByText(/orders? match/);

    // Act
    await userEvent.click(screen.getAllByRole('row')[1]);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('dax-001')).toBeInTheDocument();
    expect(screen.getByLabelText('URL query')).toHaveTextContent(
      '?direction=buy&order=dax-001',
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('URL query')).toHaveTextContent(
      '?direction=buy',
    );
  });

  it('opens the order a pasted link names, even when it is not on the first page', async () => {
    // Act
    renderTabAt('/?order=dax-025');

    // Assess
    const dialog = await detailDialog();
    expect(await within(dialog).findByText('dax-025')).toBeInTheDocument();
    expect(
      within(dialog).getByText(`DAX Breakout Strategy (${dax.id})`),
    ).toBeInTheDocument();
  });

  it('copies the link to the order, and says so', async () => {
    // Prepare
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    renderTabAt('/?sort=oldest&order=dax-001');
    const dialog = await detailDialog();

    // Act
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Copy link' }),
    );

    // Assess
    expect(await within(dialog).findByText('Link copied')).toBeInTheDocument();
    const copied = new URL(writeText.mock.calls[0][0]);
    expect(Object.fromEntries(copied.searchParams)).toEqual({
      sort: 'oldest',
      order: 'dax-001',
    });
  });

  it("shows the backend's not found for a link to an order of a workflow the user may not see", async () => {
    // Prepare
    const hidden = bundFuturesCarry();
    serve([...healthyWorkflows(), hidden]);
    const orderId = hidden.orders[0].id;

    // Act
    renderTabAt(`/?order=${orderId}`);

    // Assess
    const dialog = await screen.findByRole('dialog', {
      name: `Order ${orderId}`,
    });
    expect(
      await within(dialog).findByText('Could not open the order'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        `No order ${orderId}: it does not exist or expired after 7 days`,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('404 NotFoundError')).toBeInTheDocument();
    expect(within(dialog).queryByText('Bund')).not.toBeInTheDocument();
  });

  it('shows the same not found for a link to an order that does not exist', async () => {
    renderTabAt('/?order=no-such-order');

    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'No order no-such-order: it does not exist or expired after 7 days',
      ),
    ).toBeInTheDocument();
  });
});
