import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { workflowOrdersApiRef } from '../../api';
import {
  demoWorkflows,
  unrelatedEntity,
  workflowEntity,
} from '../../mocks/data';
import {
  TEST_BASE_URL,
  createTestClient,
  setupMockBackend,
} from '../../__testUtils__/mockBackend';
import { createLastOrderColumn } from './createLastOrderColumn';

const [dax, eurusd, gold, idle, , , hidden] = demoWorkflows;

function rowOf(entity: Entity): CatalogTableRow {
  return {
    entity,
    resolved: {
      name: entity.metadata.name,
      entityRef: stringifyEntityRef(entity),
      ownedByRelations: [],
      partOfSystemRelations: [],
    },
  };
}

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
        data={entities.map(rowOf)}
      />
    </TestApiProvider>,
  );
}

function cellOf(name: string): HTMLElement {
  const row = screen.getByText(name).closest('tr')!;
  return within(row).getAllByRole('cell')[1];
}

describe('createLastOrderColumn', () => {
  const { server, requests } = setupMockBackend();

  it('serves every row of the page with one summaries request', async () => {
    // Prepare
    const many = Array.from({ length: 40 }, (_, i) =>
      workflowEntity({
        id: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
        name: `Workflow ${i}`,
      }),
    );

    // Act
    await renderList([...demoWorkflows.map(workflowEntity), ...many]);
    await screen.findAllByText('Last order: 2 days ago');

    // Assess
    const summaries = requests.filter(r =>
      r.url.pathname.endsWith('/summaries'),
    );
    expect(summaries).toHaveLength(1);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(await summaries[0].text()).workflow_ids).toHaveLength(
      demoWorkflows.length + 40,
    );
  });

  it('shows when each workflow last ordered, "No orders yet", and nothing for other entities', async () => {
    // Act
    await renderList(
      [dax, eurusd, gold, idle].map(workflowEntity).concat(unrelatedEntity),
    );

    // Assess
    expect(
      await within(cellOf('eur-usd-mean-reversion')).findByText(
        'Last order: 2 days ago',
      ),
    ).toBeInTheDocument();
    expect(cellOf('dax-breakout-strategy')).toHaveTextContent(
      'Last order: 3 minutes ago',
    );
    expect(cellOf('gold-trend-follower')).toHaveTextContent(
      'Last order: 6 days ago',
    );
    expect(cellOf('nasdaq-opening-range')).toHaveTextContent('No orders yet');
    expect(cellOf('market-data-gateway')).toHaveTextContent(/^$/);
  });

  it('leaves the cell of a workflow the user may not see empty, and shows the others', async () => {
    // Act
    await renderList([eurusd, hidden, idle].map(workflowEntity));

    // Assess
    expect(
      await within(cellOf('eur-usd-mean-reversion')).findByText(
        'Last order: 2 days ago',
      ),
    ).toBeInTheDocument();
    expect(cellOf('nasdaq-opening-range')).toHaveTextContent('No orders yet');
    expect(cellOf('bund-futures-carry-not-permitted')).toHaveTextContent(/^$/);
    expect(requests).toHaveLength(1);
  });

  it('flags an annotation that is not a workflow id without failing the other rows', async () => {
    const broken = workflowEntity({ id: 'wf-1', name: 'Legacy workflow' });

    await renderList([broken, workflowEntity(eurusd)]);

    expect(
      await screen.findByText('Last order: 2 days ago'),
    ).toBeInTheDocument();
    expect(cellOf('legacy-workflow')).toHaveTextContent('Invalid workflow id');
  });

  it('says the value is unavailable when the summaries request fails', async () => {
    server.use(
      http.post(`${TEST_BASE_URL}/summaries`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'DynamoDB is throttling',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );

    await renderList([workflowEntity(eurusd)]);

    expect(
      await screen.findByText('Last order unavailable'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No orders yet')).not.toBeInTheDocument();
  });
});
