import { screen } from '@testing-library/react';
import {
  daxBreakout,
  eurUsdMeanReversion,
  legacyMomentum,
  renderForWorkflow,
  setupMockBackend,
} from '../../__testUtils__';
import { EntityLastOrderCard } from './EntityLastOrderCard';

const eurusd = eurUsdMeanReversion();

describe('EntityLastOrderCard', () => {
  const { serve } = setupMockBackend();

  it.each<[string, typeof daxBreakout, string, string, string]>([
    [
      'a workflow that ordered 2 days ago',
      eurUsdMeanReversion,
      'Last order: 2 days ago',
      '1 EURUSD @ 1.0842',
      '4 orders in the last 7 days',
    ],
    [
      'a workflow that ordered minutes ago',
      daxBreakout,
      'Last order: 3 minutes ago',
      '1 DAX.I @ 18,250.5',
      '27 orders in the last 7 days',
    ],
    [
      'a dash for what the writer of the order did not store',
      legacyMomentum,
      'Last order: 2 minutes ago',
      '— DAX.I @ 18,000.5',
      '1 order in the last 7 days',
    ],
  ])('shows the last order of %s', async (_, workflowOf, when, line, count) => {
    // Prepare
    const workflow = workflowOf();
    serve([workflow]);

    // Act
    await renderForWorkflow(<EntityLastOrderCard />, workflow);

    // Assess
    expect(await screen.findByText(when)).toBeInTheDocument();
    expect(screen.getByText(line)).toBeInTheDocument();
    expect(screen.getByText(count)).toBeInTheDocument();
  });

  it('shows the direction of the last order, and a bar per day of the last 7 days', async () => {
    // Act
    await renderForWorkflow(<EntityLastOrderCard />, eurusd);

    // Assess
    expect(
      await screen.findByText('Last order: 2 days ago'),
    ).toBeInTheDocument();
    expect(screen.getByText('BUY')).toBeInTheDocument();
    const chart = screen.getByRole('img', {
      name: 'Orders per day, last 7 days',
    });
    expect(chart).toHaveAccessibleDescription(
      /^(\w{3} \d{4}-\d\d-\d\d: \d+ orders?, ){6}\w{3} \d{4}-\d\d-\d\d: \d+ orders?$/,
    );
    expect(screen.getAllByTestId('daily-orders-bar')).toHaveLength(7);
  });

  it('links to the Orders tab', async () => {
    await renderForWorkflow(<EntityLastOrderCard />, eurusd);

    const link = await screen.findByRole('link', { name: /View all orders/ });
    expect(link).toHaveAttribute('href', '/orders');
  });
});
