import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  answerError,
  bundFuturesCarry,
  daxBreakout,
  healthyWorkflows,
  renderForWorkflow,
  renderWithEntity,
  setupMockBackend,
  storeUnavailable,
  TEST_BASE_URL,
  workflowEntity,
} from '../../__testUtils__';
import { recordDownloads } from '../../__testUtils__/downloads';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const dax = daxBreakout();

describe('EntityWorkflowOrdersContent export', () => {
  const { server, requests, serve } = setupMockBackend();
  const saved = recordDownloads();

  it('downloads every order the filters select, as CSV, and says what it saved', async () => {
    // Prepare
    renderWithEntity(<EntityWorkflowOrdersContent />, {
      entity: workflowEntity(dax),
      routeEntries: ['/?direction=sell&sort=oldest'],
    });
    await screen.findByText(/orders? match/);

    // Act
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    // Assess
    const status = await screen.findByText(/^Downloaded /);
    const exported = requests.find(r => r.url.pathname.endsWith('.csv'))!;
    expect(Object.fromEntries(exported.url.searchParams)).toEqual({
      sort: 'oldest',
      direction: 'SELL',
    });
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toMatch(new RegExp(`^${dax.id}-orders-.*\\.csv$`));
    const lines = (await saved[0].content.text()).split('\r\n').slice(1, -1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every(line => line.split(',')[1] === 'SELL')).toBe(true);
    expect(status).toHaveTextContent(
      `Downloaded ${saved[0].name}: ${lines.length} order`,
    );
  });

  it('shows why the export failed, and saves nothing', async () => {
    server.use(
      answerError(
        'get',
        `/workflows/${dax.id}/orders.csv`,
        storeUnavailable('exporting the orders'),
      ),
    );
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);
    await screen.findByText('27 orders in the last 7 days');

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Could not export the orders'),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'DynamoDB did not answer (while exporting the orders); try again shortly',
      ),
    ).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });

  it('says when the export stopped at the row limit', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/workflows/${dax.id}/orders.csv`, () =>
        HttpResponse.text(
          `When,Direction\r\n${'2026-01-01T00:00:00.000Z,BUY\r\n'.repeat(2)}`,
          {
            headers: {
              'Content-Disposition': 'attachment; filename="dax.csv"',
              'X-Workflow-Orders-Row-Limit': '2',
            },
          },
        ),
      ),
    );
    await renderForWorkflow(<EntityWorkflowOrdersContent />, dax);
    await screen.findByText('27 orders in the last 7 days');

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(
      await screen.findByText(
        'Downloaded dax.csv: 2 orders. Exports stop at 2 rows; narrow the filters to export the rest.',
      ),
    ).toBeInTheDocument();
  });

  it('leaves a workflow the user may not see without an export', async () => {
    const hidden = bundFuturesCarry();
    serve([...healthyWorkflows(), hidden]);

    await renderForWorkflow(<EntityWorkflowOrdersContent />, hidden);

    await screen.findByText(
      "You don't have permission to see this workflow's orders",
    );
    expect(
      screen.queryByRole('button', { name: 'Export CSV' }),
    ).not.toBeInTheDocument();
  });
});
