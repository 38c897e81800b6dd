import { ORDER_RETENTION_SECONDS, expiryOf } from './retention';

describe('expiryOf', () => {
  it('adds the 7 days of retention to the whole seconds of the placement time', () => {
    expect(ORDER_RETENTION_SECONDS).toBe(604800);
    expect(expiryOf(1763769600.987)).toBe(1763769600 + 604800);
  });
});
