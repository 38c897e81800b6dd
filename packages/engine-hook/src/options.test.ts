import { anOrder } from '@workflow-orders/test-utils';
import { createOrderRecorder } from './createOrderRecorder';
import type { OrderRecorderOptions } from './options';
import { withOrderRecorder } from './withOrderRecorder';

describe('createOrderRecorder options', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'maxQueue',
      { maxQueue: 0 },
      'Expected `maxQueue` to be a positive integer, got 0',
    ],
    [
      'concurrency',
      { concurrency: 1.5 },
      'Expected `concurrency` to be a positive integer, got 1.5',
    ],
    [
      'attemptTimeoutMs',
      { attemptTimeoutMs: -1 },
      'Expected `attemptTimeoutMs` to be a positive integer',
    ],
    [
      'flushTimeoutMs',
      { flushTimeoutMs: NaN },
      'Expected `flushTimeoutMs` to be a positive integer',
    ],
    [
      'tableName',
      { tableName: '' },
      'Expected `tableName` to be a non-empty string',
    ],
    [
      'logger',
      { logger: { warn: () => {} } },
      'Expected `logger` to have `warn` and `error` methods',
    ],
    ['onError', { onError: 'log it' }, 'Expected `onError` to be a function'],
    [
      'client',
      { client: {} },
      'Expected `client` to be a DynamoDBDocumentClient',
    ],
    [
      'retryMaxDelayMs',
      { retryBaseDelayMs: 100, retryMaxDelayMs: 50 },
      'Expected `retryMaxDelayMs` to be at least `retryBaseDelayMs`',
    ],
  ])(
    'throws a TypeError naming %s when it is wrong',
    (_name, options, message) => {
      // Act
      const create = () => createOrderRecorder(options as OrderRecorderOptions);

      // Assess
      expect(create).toThrow(TypeError);
      expect(create).toThrow(message);
    },
  );

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an SDK setting beside clientConfig',
      { endpoint: 'http://localhost:8001' },
      "createOrderRecorder: unknown option 'endpoint' (did you mean clientConfig.endpoint?)",
    ],
    [
      'a misspelt option',
      { maxQueu: 10 },
      "createOrderRecorder: unknown option 'maxQueu' (did you mean maxQueue?)",
    ],
    [
      'an option in the wrong case',
      { tablename: 'orders' },
      "createOrderRecorder: unknown option 'tablename' (did you mean tableName?)",
    ],
    [
      'the table under its short name',
      { table: 'orders' },
      "createOrderRecorder: unknown option 'table' (did you mean tableName?)",
    ],
    [
      'an option nothing resembles',
      { colour: 'red' },
      "createOrderRecorder: unknown option 'colour'",
    ],
    [
      'several unknown options, even undefined ones',
      { region: 'eu-west-1', credentials: undefined },
      "createOrderRecorder: unknown options 'region' (did you mean clientConfig.region?), " +
        "'credentials' (did you mean clientConfig.credentials?)",
    ],
  ])('throws a TypeError for %s', (_case, options, message) => {
    // Act
    const create = () =>
      createOrderRecorder({
        clientConfig: { region: 'us-east-1' },
        ...options,
      } as OrderRecorderOptions);

    // Assess
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
  });

  it('takes every documented option', () => {
    // Act
    const create = () =>
      createOrderRecorder({
        tableName: 'workflow_orders',
        clientConfig: { region: 'us-east-1', endpoint: 'http://localhost:1' },
        logger: console,
        onError: () => {},
        maxQueue: 10,
        concurrency: 2,
        attemptTimeoutMs: 100,
        orderDeadlineMs: 1000,
        maxAttempts: 3,
        retryBaseDelayMs: 10,
        retryMaxDelayMs: 100,
        flushTimeoutMs: 500,
        executionContext: 'cli:test',
        disabled: true,
      });

    // Assess
    expect(create).not.toThrow();
  });

  it('refuses a client and a client config together', () => {
    // Act
    const create = () =>
      createOrderRecorder({
        client: { send: jest.fn() },
        clientConfig: { region: 'eu-west-1' },
      } as unknown as OrderRecorderOptions);

    // Assess
    expect(create).toThrow(
      'Expected either `client` or `clientConfig`, not both',
    );
  });

  it('refuses a negative safety margin for a wrapped handler', () => {
    // Prepare
    const recorder = createOrderRecorder({ disabled: true });

    // Act
    const wrap = () =>
      withOrderRecorder(recorder, async () => 1, { safetyMarginMs: -5 });

    // Assess
    expect(wrap).toThrow(
      'Expected `safetyMarginMs` to be a non-negative number, got -5',
    );
  });

  it('sends nothing to an injected client when disabled', async () => {
    // Prepare
    const client = { send: jest.fn() };
    const recorder = createOrderRecorder({
      client,
      disabled: true,
    } as unknown as OrderRecorderOptions);

    // Act
    recorder.record(anOrder());
    const result = await recorder.flush();

    // Assess
    expect(client.send).not.toHaveBeenCalled();
    expect(result).toMatchObject({ recorded: 0, pending: 0, timedOut: false });
  });
});
