import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  bundFuturesCarry,
  daxBreakout,
  expectNoButton,
  expectNotShown,
  healthyWorkflows,
  lastLatestOrdersQuery,
  legacyMomentum,
  nasdaqOpeningRange,
  renderLoadedWorkflowOrdersPage,
  renderWorkflowOrdersPage,
  setupMockBackend,
  shownWorkflows,
} from '../../__testUtils__';

const legacy = legacyMomentum();

describe('WorkflowOrdersPage', () => {
  const { requests, serve } = setupMockBackend();

  it('lists the latest order of each workflow the user may see, newest first, linking those in the catalog', async () => {
    // Prepare
    serve([...healthyWorkflows(), legacy, bundFuturesCarry()]);

    // Act
    await renderWorkflowOrdersPage();

    // Assess
    await screen.findByText('DAX Breakout Strategy');
    expect(shownWorkflows()).toEqual([
      `${legacy.id}Not in the catalog`,
      'DAX Breakout Strategy',
      'S&P 500 Swing (slow backend)',
      'EUR/USD Mean Reversion',
      'Gold Trend FollowerNot in the catalog',
    ]);
    expect(
      screen.getByRole('link', { name: 'DAX Breakout Strategy' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/dax-breakout-strategy',
    );
    expectNotShown(/Bund Futures/);
    const daxRow = screen.getAllByRole('row')[2];
    expect(within(daxRow).getByText('3 minutes ago')).toBeInTheDocument();
    expect(within(daxRow).getByText('BUY')).toBeInTheDocument();
    expect(within(daxRow).getByText('DAX.I')).toBeInTheDocument();
    expect(within(daxRow).getByText('LIMIT')).toBeInTheDocument();
    expect(screen.getByText(/Last updated/)).toBeInTheDocument();
  });

  it('pages through the workflows with the cursor of the backend', async () => {
    // Prepare
    await renderLoadedWorkflowOrdersPage({ pageSize: 2 });
    expect(shownWorkflows()).toHaveLength(2);

    // Act
    await userEvent.click(screen.getByRole('button', { name: /next/i }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()).toEqual([
        'EUR/USD Mean Reversion',
        'Gold Trend FollowerNot in the catalog',
      ]),
    );
    expect(lastLatestOrdersQuery(requests)?.get('cursor')).toBeTruthy();

    // Act
    await userEvent.click(screen.getByRole('button', { name: /previous/i }));

    // Assess
    await waitFor(() =>
      expect(shownWorkflows()[0]).toBe('DAX Breakout Strategy'),
    );
  });

  it('says when no workflow placed an order in the last 7 days', async () => {
    // Prepare
    serve([nasdaqOpeningRange()]);

    // Act
    await renderWorkflowOrdersPage();

    // Assess
    expect(
      await screen.findByText('No workflow placed an order in the last 7 days'),
    ).toBeInTheDocument();
    expectNoButton('Clear filters');
  });

  it('opens the detail of the order of a row, by click and by keyboard', async () => {
    // Prepare
    await renderLoadedWorkflowOrdersPage();

    // Act
    await userEvent.click(screen.getAllByRole('row')[1]);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('BUY 1 DAX.I')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', { name: 'All orders of this workflow' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/dax-breakout-strategy/orders',
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Act
    act(() => screen.getAllByRole('row')[3].focus());
    await userEvent.keyboard('{Enter}');

    // Assess
    expect(
      within(await screen.findByRole('dialog')).getByText('BUY 1 EURUSD'),
    ).toBeInTheDocument();
  });

  it("copies the order's own link: its workflow's Orders tab with the order open", async () => {
    // Prepare
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await renderLoadedWorkflowOrdersPage();
    await userEvent.click(screen.getAllByRole('row')[1]);
    const dialog = await screen.findByRole('dialog');

    // Act
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Copy link' }),
    );

    // Assess
    expect(await within(dialog).findByText('Link copied')).toBeInTheDocument();
    const copied = new URL(writeText.mock.calls[0][0]);
    expect(copied.origin).toBe(window.location.origin);
    expect(copied.pathname).toBe(
      '/catalog/default/component/dax-breakout-strategy/orders',
    );
    expect(Object.fromEntries(copied.searchParams)).toEqual({
      order: daxBreakout().orders[0].id,
    });
  });

  it('offers no link for an order of a workflow no catalog entity carries', async () => {
    // Prepare
    serve([legacy]);
    await renderWorkflowOrdersPage();
    await userEvent.click((await screen.findAllByRole('row'))[1]);

    // Assess
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).queryByRole('button', { name: 'Copy link' }),
    ).not.toBeInTheDocument();
  });
});
