import {
  codeFromParam,
  directionFromParam,
  directionToParam,
} from './filterParams';

describe('filter parameters', () => {
  it('read a direction in any case, as links of every screen wrote it', () => {
    expect(['sell', 'SELL', 'Sell', ' buy '].map(directionFromParam)).toEqual([
      'SELL',
      'SELL',
      'SELL',
      'BUY',
    ]);
    expect(directionFromParam('hold')).toBeUndefined();
    expect(directionFromParam(null)).toBeUndefined();
  });

  it('write a direction in lower case', () => {
    expect(directionToParam('SELL')).toBe('sell');
    expect(directionToParam(undefined)).toBeUndefined();
  });

  it('read a code trimmed and in upper case, and an empty one as none', () => {
    expect(codeFromParam(' dax.i ')).toBe('DAX.I');
    expect(codeFromParam('  ')).toBeUndefined();
  });
});
