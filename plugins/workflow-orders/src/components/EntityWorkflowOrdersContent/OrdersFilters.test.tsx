import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  choose,
  daxBreakout,
  renderWithEntity,
  setupMockBackend,
  ShownSearch,
  typeInto,
  workflowEntity,
} from '../../__testUtils__';
import { EntityWorkflowOrdersContent } from './EntityWorkflowOrdersContent';

const dax = daxBreakout();

function renderTab(routeEntries?: string[]) {
  return renderWithEntity(
    <>
      <EntityWorkflowOrdersContent />
      <ShownSearch />
    </>,
    { entity: workflowEntity(dax), routeEntries },
  );
}

/** Renders the Orders tab of the DAX workflow, and waits for its orders. */
async function renderLoadedTab() {
  await renderTab();
  await screen.findByText('27 orders in the last 7 days');
}

/** The Direction cell of every order row, top to bottom. */
function shownDirections(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => row.querySelectorAll('td')[1]?.textContent ?? '');
}

describe('EntityWorkflowOrdersContent filters', () => {
  const { requests } = setupMockBackend();

  it('filters by direction on the server, says how many match, and keeps it in the URL', async () => {
    // Prepare
    await renderLoadedTab();

    // Act
    await choose('Direction', 'Sell');

    // Assess
    expect(await screen.findByText('9 orders match')).toBeInTheDocument();
    expect(new Set(shownDirections())).toEqual(new Set(['SELL']));
    expect(screen.getByLabelText('URL query')).toHaveTextContent(
      '?direction=sell',
    );
    expect(requests.at(-1)!.url.searchParams.get('direction')).toBe('SELL');
  });

  it('starts from the filters and sort of a shared URL', async () => {
    // Act
    await renderTab(['/?direction=buy&code=dax.i&sort=oldest']);

    // Assess
    expect(await screen.findByText('18 orders match')).toBeInTheDocument();
    const query = requests[0].url.searchParams;
    expect(query.get('direction')).toBe('BUY');
    expect(query.get('code')).toBe('DAX.I');
    expect(query.get('sort')).toBe('oldest');
    expect(screen.getByRole('button', { name: /Sort/ })).toHaveTextContent(
      'Oldest first',
    );
    expect(screen.getByRole('searchbox', { name: 'Asset code' })).toHaveValue(
      'DAX.I',
    );
    const times = [...document.querySelectorAll('tbody time')].map(t =>
      Date.parse(t.getAttribute('datetime')!),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('sorts oldest first from the When column header', async () => {
    // Prepare
    await renderLoadedTab();

    // Act
    await userEvent.click(screen.getByRole('columnheader', { name: /When/ }));

    // Assess
    expect(await screen.findByLabelText('URL query')).toHaveTextContent(
      '?sort=oldest',
    );
    await waitFor(() =>
      expect(requests.at(-1)!.url.searchParams.get('sort')).toBe('oldest'),
    );
    expect(screen.getByRole('button', { name: /Sort/ })).toHaveTextContent(
      'Oldest first',
    );
  });

  it('filters by asset code once typing pauses, and says when nothing matches', async () => {
    // Prepare
    await renderLoadedTab();

    // Act
    await typeInto('searchbox', 'Asset code', 'eurusd');

    // Assess
    expect(
      await screen.findByText('No orders match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 orders match')).toBeInTheDocument();
    expect(
      screen.queryByText('No orders placed in the last 7 days'),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('URL query')).toHaveTextContent(
      '?code=EURUSD',
    );
  });

  it('clears the filters from the empty state', async () => {
    // Prepare
    await renderTab(['/?code=NOPE&direction=sell']);
    const empty = await screen.findByText('No orders match these filters');

    // Act
    await userEvent.click(
      within(empty.parentElement!).getByRole('button', {
        name: 'Clear filters',
      }),
    );

    // Assess
    expect(
      await screen.findByText('27 orders in the last 7 days'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('URL query')).toHaveTextContent(/^$/);
  });
});
