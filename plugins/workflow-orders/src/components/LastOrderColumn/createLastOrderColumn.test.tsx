import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { workflowOrdersApiRef } from '../../api';
import {
  answerError,
  bundFuturesCarry,
  catalogTableRow,
  createTestClient,
  daxBreakout,
  eurUsdMeanReversion,
  goldTrendFollower,
  healthyWorkflows,
  nasdaqOpeningRange,
  setupMockBackend,
  storeUnavailable,
  unrelatedEntity,
  workflowEntity,
} from '../../__testUtils__';
import { createLastOrderColumn } from './createLastOrderColumn';

const [dax, eurusd, gold, idle] = [
  daxBreakout(),
  eurUsdMeanReversion(),
  goldTrendFollower(),
  nasdaqOpeningRange(),
];

function renderList(entities: Entity[]) {
  return renderInTestApp(
    <TestApiProvider apis={[[workflowOrdersApiRef, createTestClient()]]}>
      <Table<CatalogTableRow>
        title="Workflows"
        options={{ paging: false }}
        columns={[
          { title: 'Name', field: 'resolved.name' },
          createLastOrderColumn(),
        ]}
        data={entities.map(catalogTableRow)}
      />
    </TestApiProvider>,
  );
}

function cellOf(name: string): HTMLElement {
  const row = screen.getByText(name).closest('tr')!;
  return within(row).getAllByRole('cell')[1];
}

describe('createLastOrderColumn', () => {
  const { server, requests, serve } = setupMockBackend();

  it('serves every row of the page with one summaries request', async () => {
    // Prepare
    const many = Array.from({ length: 40 }, (_, i) =>
      workflowEntity({
        id: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
        name: `Workflow ${i}`,
      }),
    );

    // Act
    await renderList([...healthyWorkflows().map(workflowEntity), ...many]);
    await screen.findAllByText('2d ago');

    // Assess
    const summaries = requests.filter(r =>
      r.url.pathname.endsWith('/summaries'),
    );
    expect(summaries).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(await summaries[0].text()).workflow_ids).toHaveLength(
      healthyWorkflows().length + 40,
    );
  });

  it('shows when each workflow last ordered, "No orders yet", and nothing for other entities', async () => {
    // Act
    await renderList(
      [dax, eurusd, gold, idle].map(workflowEntity).concat(unrelatedEntity()),
    );

    // Assess
    expect(
      await within(cellOf('eur-usd-mean-reversion')).findByText('2d ago'),
    ).toBeInTheDocument();
    expect(cellOf('eur-usd-mean-reversion')).toHaveTextContent(/^2d ago BUY$/);
    expect(cellOf('dax-breakout-strategy')).toHaveTextContent(/^3m ago BUY$/);
    expect(cellOf('gold-trend-follower')).toHaveTextContent(/^6d ago /);
    expect(cellOf('nasdaq-opening-range')).toHaveTextContent('No orders yet');
    expect(cellOf('market-data-gateway')).toHaveTextContent(/^$/);
  });

  it('leaves the cell of a workflow the user may not see empty, and shows the others', async () => {
    // Prepare
    const hidden = bundFuturesCarry();
    serve([...healthyWorkflows(), hidden]);

    // Act
    await renderList([eurusd, hidden, idle].map(workflowEntity));

    // Assess
    expect(
      await within(cellOf('eur-usd-mean-reversion')).findByText('2d ago'),
    ).toBeInTheDocument();
    expect(cellOf('nasdaq-opening-range')).toHaveTextContent('No orders yet');
    expect(cellOf('bund-futures-carry-not-permitted')).toHaveTextContent(/^$/);
    expect(requests).toHaveLength(1);
  });

  it('flags an annotation that is not a workflow id without failing the other rows', async () => {
    const broken = workflowEntity({ id: 'wf-1', name: 'Legacy workflow' });

    await renderList([broken, workflowEntity(eurusd)]);

    expect(await screen.findByText('2d ago')).toBeInTheDocument();
    expect(cellOf('legacy-workflow')).toHaveTextContent('Invalid workflow id');
  });

  it('says the value is unavailable when the summaries request fails', async () => {
    const error = storeUnavailable('reading the last orders of workflows');
    server.use(answerError('post', '/summaries', error));

    await renderList([workflowEntity(eurusd)]);

    expect(await screen.findByText('Unavailable')).toBeInTheDocument();
    expect(screen.queryByText('No orders yet')).not.toBeInTheDocument();

    const trigger = screen.getByRole('button', { name: 'Unavailable' });
    await userEvent.keyboard('{Shift}');
    act(() => trigger.focus());

    expect(await screen.findByRole('tooltip')).toHaveTextContent(error.message);
  });

  it("shows the exact time in the reader's zone and in UTC, the asset, price and quantity on focus", async () => {
    // Prepare
    await renderList([workflowEntity(eurusd)]);
    await screen.findByText('2d ago');

    // Act
    await userEvent.keyboard('{Shift}');
    act(() => screen.getByRole('button', { name: '2d ago BUY' }).focus());

    // Assess
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      /\(.+\)\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    expect(tooltip).toHaveTextContent('BUY EURUSD');
    expect(tooltip).toHaveTextContent('Price 1.0842 · Quantity 1');
  });

  it('sorts the rows by last order, oldest first then newest first', async () => {
    // Prepare
    await renderList([dax, eurusd, gold, idle].map(workflowEntity));
    await within(cellOf('gold-trend-follower')).findByText('6d ago');
    const sortButton = () =>
      within(
        screen.getByRole('columnheader', { name: 'Last order' }),
      ).getAllByRole('button')[0];
    const names = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent);

    // Act and assess: oldest first, then newest first
    for (const expected of [
      [
        'nasdaq-opening-range',
        'gold-trend-follower',
        'eur-usd-mean-reversion',
        'dax-breakout-strategy',
      ],
      [
        'dax-breakout-strategy',
        'eur-usd-mean-reversion',
        'gold-trend-follower',
        'nasdaq-opening-range',
      ],
    ]) {
      await userEvent.click(sortButton());
      expect(names()).toEqual(expected);
    }
  });
});
