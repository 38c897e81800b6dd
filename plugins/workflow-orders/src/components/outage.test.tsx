import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  answerError,
  daxBreakout,
  expectErrorWithRetry,
  expectNotShown,
  renderForWorkflow,
  renderWorkflowOrdersPage,
  setupMockBackend,
  storeUnavailable,
} from '../__testUtils__';
import { EntityLastOrderCard } from './EntityLastOrderCard';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const dax = daxBreakout();
const renderOnDaxPage = (element: JSX.Element) => () =>
  renderForWorkflow(element, dax);

describe('an outage of the order store', () => {
  const { server } = setupMockBackend();

  it.each<[string, () => Promise<unknown>, string, RegExp, string, RegExp]>([
    [
      'the Orders tab',
      renderOnDaxPage(<EntityWorkflowOrdersContent />),
      '/workflows/:workflowId/orders',
      /Could not load the orders/,
      '27 orders in the last 7 days',
      /No orders placed/,
    ],
    [
      'the Last order card',
      renderOnDaxPage(<EntityLastOrderCard />),
      '/workflows/:workflowId/activity',
      /Could not load the last order/,
      'Last order: 3 minutes ago',
      /No orders yet/,
    ],
    [
      'the Workflow orders page',
      () => renderWorkflowOrdersPage(),
      '/latest-orders',
      /Could not load the latest orders/,
      'DAX Breakout Strategy',
      /No workflow/,
    ],
  ])(
    'shows on %s as an error with a retry, not as no orders, until a retry succeeds',
    async (_, render, path, title, loaded, empty) => {
      // Prepare
      const error = storeUnavailable('reading the orders');
      server.use(answerError('get', path, error, { once: true }));
      await render();
      await expectErrorWithRetry(
        title,
        error.message,
        '503 ServiceUnavailableError',
      );
      expectNotShown(empty);

      // Act
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

      // Assess
      expect(await screen.findByText(loaded)).toBeInTheDocument();
      expectNotShown(title);
    },
  );
});
