import { refuseUnknownOptions } from './unknownOptions';

describe('refuseUnknownOptions', () => {
  it('accepts every option the recorder knows', () => {
    expect(() =>
      refuseUnknownOptions({
        tableName: 'orders',
        clientConfig: {},
        maxQueue: 10,
        flushTimeoutMs: 100,
        disabled: false,
      }),
    ).not.toThrow();
  });

  it.each([
    ['a letter missing', 'maxAttempt', 'maxAttempts'],
    ['two edits away', 'flushTimeout', 'flushTimeoutMs'],
    ['a case slip', 'LOGGER', 'logger'],
    ['an SDK setting', 'retryMode', 'clientConfig.retryMode'],
  ])('names the option meant for %s', (_case, name, meant) => {
    expect(() => refuseUnknownOptions({ [name]: 1 })).toThrow(
      `createOrderRecorder: unknown option '${name}' (did you mean ${meant}?)`,
    );
  });

  it.each([
    ['three edits away', 'maxAttemptsNow'],
    ['nothing alike', 'retries'],
  ])('names no option for %s', (_case, name) => {
    expect(() => refuseUnknownOptions({ [name]: 1 })).toThrow(
      new TypeError(`createOrderRecorder: unknown option '${name}'`),
    );
  });
});
