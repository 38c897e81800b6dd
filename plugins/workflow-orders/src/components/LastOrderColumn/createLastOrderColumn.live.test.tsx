import { screen, waitFor, within } from '@testing-library/react';
import { Table } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { workflowOrdersApiRef } from '../../api';
import {
  catalogTableRow,
  createTestClient,
  daxBreakout,
  eurUsdMeanReversion,
  setupMockBackend,
  workflowEntity,
} from '../../__testUtils__';
import {
  fakeSignals,
  newLatestOrder,
  serveLiveChanges,
  withSignals,
} from '../../__testUtils__/live';
import { createLastOrderColumn } from './createLastOrderColumn';

const [dax, eurusd] = [daxBreakout(), eurUsdMeanReversion()];

function cellOf(name: string): HTMLElement {
  const row = screen.getByText(name).closest('tr')!;
  return within(row).getAllByRole('cell')[1];
}

describe('createLastOrderColumn, live', () => {
  const { server, requests } = setupMockBackend();

  it('updates the last order of a workflow in place when it places one', async () => {
    // Prepare
    const backend = serveLiveChanges(server);
    const signals = fakeSignals();
    await renderInTestApp(
      <TestApiProvider apis={[[workflowOrdersApiRef, createTestClient()]]}>
        {withSignals(
          <Table<CatalogTableRow>
            title="Workflows"
            options={{ paging: false }}
            columns={[
              { title: 'Name', field: 'resolved.name' },
              createLastOrderColumn(),
            ]}
            data={[dax, eurusd].map(workflowEntity).map(catalogTableRow)}
          />,
          signals,
        )}
      </TestApiProvider>,
    );
    await screen.findByText('2d ago');
    await waitFor(() =>
      expect(
        requests.filter(r => r.url.pathname.endsWith('/live/changes')),
      ).toHaveLength(1),
    );

    // Act
    signals.hint(
      backend.publish(newLatestOrder(eurusd, { order_direction: 'SELL' })),
    );

    // Assess
    await waitFor(() =>
      expect(cellOf('eur-usd-mean-reversion')).toHaveTextContent('now'),
    );
    expect(
      within(cellOf('eur-usd-mean-reversion')).getByText('SELL'),
    ).toBeInTheDocument();
    expect(cellOf('dax-breakout-strategy')).toHaveTextContent('3m ago');
    expect(
      requests.filter(r => r.url.pathname.endsWith('/summaries')),
    ).toHaveLength(1);
  });
});
