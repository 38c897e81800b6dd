import { screen, waitFor, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { workflowOrdersApiRef } from './api';
import workflowOrdersPlugin, { catalogLastOrderColumnModule } from './alpha';
import {
  createTestClient,
  daxBreakout,
  eurUsdMeanReversion,
  nasdaqOpeningRange,
  setupMockBackend,
  unrelatedEntity,
  workflowEntity,
} from './__testUtils__';

const dax = daxBreakout();
const eurusd = eurUsdMeanReversion();
const idle = nasdaqOpeningRange();

// A whole app renders here, with lazy pages and cells: wait longer than a component test would.
const waitLong = { timeout: 10_000 };
jest.setTimeout(30_000);

function renderCatalog(features: Parameters<typeof renderTestApp>[0]) {
  return renderTestApp({
    initialRouteEntries: ['/catalog'],
    config: {
      backend: { baseUrl: 'http://localhost:7007' },
      // All workflows, not only the signed-in user's.
      app: {
        extensions: [
          {
            'catalog-filter:catalog/list': { config: { initialFilter: 'all' } },
          },
        ],
      },
    },
    apis: [
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            workflowEntity(dax),
            workflowEntity(eurusd),
            workflowEntity(idle),
            unrelatedEntity(),
          ],
        }),
      ],
      [workflowOrdersApiRef, createTestClient()],
    ],
    ...features,
  });
}

/** The table row of an entity, by its title; rows are re-rendered as data arrives. */
function rowOf(title: string): HTMLElement {
  const row = screen.getByText(title).closest('tr');
  if (!row) throw new Error(`${title} is not in a table row`);
  return row;
}

describe('catalogLastOrderColumnModule', () => {
  const { requests } = setupMockBackend();

  it('adds the Last order column to the catalog page of a new frontend system app', async () => {
    // Act
    renderCatalog({
      features: [
        catalogPlugin,
        workflowOrdersPlugin,
        catalogLastOrderColumnModule,
      ],
    });

    // Assess
    await waitFor(() => {
      expect(
        within(rowOf(eurusd.name)).getByText('2d ago'),
      ).toBeInTheDocument();
      expect(
        within(rowOf(idle.name)).getByText('No orders yet'),
      ).toBeInTheDocument();
    }, waitLong);
    expect(
      screen.getByRole('columnheader', { name: 'Last order' }),
    ).toBeInTheDocument();
    // The stock columns stay, and a row that is no workflow has an empty cell.
    expect(
      screen.getByRole('columnheader', { name: 'Owner' }),
    ).toBeInTheDocument();
    expect(
      within(rowOf('Market data gateway')).queryByText(/order/i),
    ).not.toBeInTheDocument();
    // One summaries request serves the whole page.
    expect(
      requests.filter(request => request.url.pathname.endsWith('/summaries')),
    ).toHaveLength(1);
  });

  it('leaves the catalog page as it is without the module', async () => {
    // Act
    renderCatalog({ features: [catalogPlugin, workflowOrdersPlugin] });

    // Assess
    await waitFor(
      () => expect(rowOf(eurusd.name)).toBeInTheDocument(),
      waitLong,
    );
    expect(
      screen.queryByRole('columnheader', { name: 'Last order' }),
    ).not.toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });
});
