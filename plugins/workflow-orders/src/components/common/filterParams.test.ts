import * as params from './filterParams';

describe('filter parameters', () => {
  it.each([
    ['sell', 'SELL'],
    ['SELL', 'SELL'],
    ['Sell', 'SELL'],
    [' buy ', 'BUY'],
    ['hold', undefined],
    [null, undefined],
  ])(
    'read the direction %p as %p, as links of every screen wrote it',
    (value, direction) => {
      expect(params.directionFromParam(value)).toBe(direction);
    },
  );

  it('write a direction in lower case', () => {
    expect(params.directionToParam('SELL')).toBe('sell');
    expect(params.directionToParam(undefined)).toBeUndefined();
  });

  it.each([
    [' dax.i ', 'DAX.I'],
    ['Fra40.I', 'FRA40.I'],
    ['  ', undefined],
    [null, undefined],
  ])('read the code %p as %p, as codes are matched', (value, code) => {
    expect(params.codeFromParam(value)).toBe(code);
  });
});
