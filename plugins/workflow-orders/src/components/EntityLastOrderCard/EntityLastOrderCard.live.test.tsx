import { screen } from '@testing-library/react';
import {
  eurUsdMeanReversion,
  renderWithEntity,
  setupMockBackend,
  workflowEntity,
} from '../../__testUtils__';
import {
  fakeSignals,
  newLatestOrder,
  serveLiveChanges,
} from '../../__testUtils__/live';
import { withSignals } from '../../__testUtils__/live';
import { EntityLastOrderCard } from './EntityLastOrderCard';

const eurusd = eurUsdMeanReversion();

describe('EntityLastOrderCard, live', () => {
  const { server, requests, serve } = setupMockBackend();
  const activityRequests = () =>
    requests.filter(r => r.url.pathname.endsWith('/activity')).length;

  it('shows a new order, the count and its day in the chart in place, and says it is live', async () => {
    // Prepare
    serve([eurusd]);
    const backend = serveLiveChanges(server);
    const signals = fakeSignals();
    await renderWithEntity(withSignals(<EntityLastOrderCard />, signals), {
      entity: workflowEntity(eurusd),
    });
    await screen.findByText('Last order: 2 days ago');
    expect(await screen.findByText('Live')).toBeInTheDocument();
    const today = new Date().toISOString().slice(0, 10);
    const chart = screen.getByRole('img', {
      name: 'Orders per day, last 7 days',
    });
    expect(chart).toHaveAccessibleDescription(
      expect.stringContaining(`${today}: 0 orders`),
    );

    // Act
    signals.hint(
      backend.publish(
        newLatestOrder(eurusd, {
          order_code: 'EURUSD',
          order_price: 1.0851,
          order_quantity: 3,
          order_direction: 'SELL',
        }),
      ),
    );

    // Assess
    expect(await screen.findByText('Last order: just now')).toBeInTheDocument();
    expect(screen.getByText('3 EURUSD @ 1.0851')).toBeInTheDocument();
    expect(screen.getByText('SELL')).toBeInTheDocument();
    expect(screen.getByText('5 orders in the last 7 days')).toBeInTheDocument();
    expect(chart).toHaveAccessibleDescription(
      expect.stringContaining(`${today}: 1 order`),
    );
    expect(activityRequests()).toBe(1);
  });

  it('ignores the new orders of other workflows, and an order it already shows', async () => {
    // Prepare
    serve([eurusd]);
    const backend = serveLiveChanges(server);
    const signals = fakeSignals();
    await renderWithEntity(withSignals(<EntityLastOrderCard />, signals), {
      entity: workflowEntity(eurusd),
    });
    await screen.findByText('Live');

    // Act
    signals.hint(
      backend.publish(
        newLatestOrder(
          { id: '0d5e1c2b-3a4f-4b6c-8d7e-9f0a1b2c3d4e', name: 'Other' },
          { order_code: 'EURUSD' },
        ),
        newLatestOrder(eurusd, {
          id: eurusd.orders[0].id,
          placed_at: new Date(Date.now() - 51 * 3600_000).toISOString(),
        }),
      ),
    );
    const other = backend.publish(
      newLatestOrder(eurusd, { order_quantity: 7 }),
    );
    signals.hint(other);

    // Assess
    expect(await screen.findByText(/^7 /)).toBeInTheDocument();
    expect(screen.getByText('5 orders in the last 7 days')).toBeInTheDocument();
  });
});
