import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  answerError,
  renderLoadedWorkflowOrdersPage,
  setupMockBackend,
  storeUnavailable,
  TRADING_DESK,
} from '../../__testUtils__';
import { recordDownloads } from '../../__testUtils__/downloads';

/** The Workflow column of each record of a latest-orders CSV. */
async function workflowsOf(csv: Blob): Promise<string[]> {
  const lines = (await csv.text()).split('\r\n').slice(1, -1);
  return lines.map(line => line.split(',')[1]);
}

describe('WorkflowOrdersPage export', () => {
  const { server, requests } = setupMockBackend();
  const saved = recordDownloads();

  it("downloads the latest orders of the page's filters, every page of them", async () => {
    // Prepare
    await renderLoadedWorkflowOrdersPage({
      url: `/workflow-orders?owner=${TRADING_DESK}&direction=BUY`,
      pageSize: 1,
    });

    // Act
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    // Assess
    const status = await screen.findByText(/^Downloaded /);
    const exported = requests.find(r => r.url.pathname.endsWith('.csv'))!;
    expect(exported.url.pathname).toBe(
      '/api/workflow-orders/latest-orders.csv',
    );
    expect(exported.url.searchParams.get('direction')).toBe('BUY');
    expect(exported.url.searchParams.get('workflow_ids')).toEqual(
      expect.any(String),
    );
    expect(saved[0].name).toMatch(/^latest-orders-\d{4}-\d\d-\d\d\.csv$/);
    // One row is shown; the file holds both of the desk's workflows.
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(await workflowsOf(saved[0].content)).toEqual([
      'DAX Breakout Strategy',
      'EUR/USD Mean Reversion',
    ]);
    expect(status).toHaveTextContent(`Downloaded ${saved[0].name}: 2 orders.`);
  });

  it('shows why the export failed', async () => {
    server.use(
      answerError(
        'get',
        '/latest-orders.csv',
        storeUnavailable('exporting the latest orders'),
      ),
    );
    await renderLoadedWorkflowOrdersPage();

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('Could not export the orders'),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'DynamoDB did not answer (while exporting the latest orders); try again shortly',
      ),
    ).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });
});
