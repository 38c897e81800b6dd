import { hasOrderFilters, matchesOrderFilters } from './filters';

const order = { order_direction: 'SELL', order_code: 'Dax.I' };

describe('matchesOrderFilters', () => {
  it.each([
    [{}, true],
    [{ direction: 'SELL' }, true],
    [{ direction: 'BUY' }, false],
    [{ code: 'DAX.I' }, true],
    [{ code: 'FRA40.I' }, false],
    [{ direction: 'SELL', code: 'DAX.I' }, true],
    [{ direction: 'BUY', code: 'DAX.I' }, false],
  ] as const)('matches a SELL of Dax.I against %o: %p', (filters, matches) => {
    expect(matchesOrderFilters(order, filters)).toBe(matches);
  });

  it('compares codes as normalized, whatever case and spaces were stored', () => {
    expect(
      matchesOrderFilters({ order_code: ' dax.i ' }, { code: 'DAX.I' }),
    ).toBe(true);
  });

  it('matches an order whose direction or code is unknown to no filter on it', () => {
    const unknown = { order_direction: null, order_code: null };

    expect(matchesOrderFilters(unknown, {})).toBe(true);
    expect(matchesOrderFilters(unknown, { direction: 'BUY' })).toBe(false);
    expect(matchesOrderFilters(unknown, { code: 'DAX.I' })).toBe(false);
  });
});

describe('hasOrderFilters', () => {
  it('tells filters that ask for something from none', () => {
    expect(hasOrderFilters({})).toBe(false);
    expect(hasOrderFilters({ direction: undefined, code: undefined })).toBe(
      false,
    );
    expect(hasOrderFilters({ code: 'DAX.I' })).toBe(true);
    expect(hasOrderFilters({ direction: 'BUY' })).toBe(true);
  });
});
