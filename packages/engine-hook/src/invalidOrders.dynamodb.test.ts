import { anOrder, testLogger, useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { createOrderRecorder } from './createOrderRecorder';
import { InvalidOrderError } from './errors';
import type { OrderRecorder } from './types';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';
const valid = anOrder({ workflow_id: WORKFLOW_ID });
const record = (recorder: OrderRecorder, input: unknown) =>
  (recorder.record as (input: unknown) => unknown)(input);

/** A valid order behind a Proxy whose `trap` throws. */
function trapped(trap: keyof ProxyHandler<object>): object {
  return new Proxy(
    { ...valid },
    {
      [trap]: () => {
        throw new Error(`${trap} refused`);
      },
    },
  );
}

/** A valid order whose `order_price` getter throws `thrown`. */
function withThrowingPrice(thrown: unknown): object {
  return Object.defineProperty({ ...valid }, 'order_price', {
    enumerable: true,
    get: () => {
      throw thrown;
    },
  });
}

const revoked = Proxy.revocable({ ...valid }, {});
revoked.revoke();
const circular: Record<string, unknown> = { ...valid };
circular.parent = circular;
const circularField: Record<string, unknown> = { ...valid };
circularField.asset_type = circularField;

/**
 * Orders valid but for one field, by what is wrong with them: the field, its value, and what the
 * message says of it.
 */
const ONE_BAD_FIELD: Record<string, [string, unknown, string]> = {
  'a price of 0': ['order_price', 0, 'must be greater than 0'],
  'a negative price': ['order_price', -5, 'must be greater than 0'],
  'a NaN quantity': ['order_quantity', NaN, 'must be a number'],
  'an unknown direction': ['order_direction', 'HOLD', 'must be BUY or SELL'],
  'an unknown order type': [
    'order_type',
    'ICEBERG',
    'must be one of LIMIT, OPEN_STOP, STOP, STOP_LIMIT, MARKET, OCO',
  ],
  'no workflow id': ['workflow_id', undefined, 'is required'],
  'a workflow id that is no UUID': ['workflow_id', 'wf-1', 'must be a UUID'],
  'a 300-character name': [
    'workflow_name',
    'x'.repeat(300),
    'must be at most 200 characters',
  ],
  'an empty order code': ['order_code', ' ', 'must not be empty'],
  'a negative trigger close': ['trigger_close', -1, 'must be 0 or more'],
  'an id with spaces': [
    'id',
    'order 1',
    'must be printable ASCII without spaces',
  ],
  'an id that would break the log line': [
    'id',
    'order-1\nOrder order-2 recorded',
    'must be printable ASCII without spaces',
  ],
  'a BigInt price': ['order_price', 7850n, 'must be a number'],
  'an invalid Date as placed_at': [
    'placed_at',
    new Date('not a date'),
    'must be epoch seconds or a valid Date',
  ],
};

describe('createOrderRecorder with invalid orders', () => {
  const table = useTestTable({ faultProxy: true });

  it.each<[string, string, unknown]>([
    ...Object.entries(ONE_BAD_FIELD).map(
      ([description, [field, value, rule]]): [string, string, unknown] => [
        description,
        `${field}: ${rule}`,
        { ...valid, [field]: value },
      ],
    ),
    ['an unknown field', 'unknown field colour', { ...valid, colour: 'red' }],
    [
      'a getter that throws',
      'order_price could not be read: price feed closed',
      withThrowingPrice(new Error('price feed\n  closed')),
    ],
    [
      'a getter that throws a string',
      'order_price could not be read: no price today',
      withThrowingPrice('no price today'),
    ],
    [
      'a getter that throws something that cannot be described',
      'order_price could not be read: a thrown value that cannot be described',
      withThrowingPrice({
        toString() {
          throw new Error('not even this');
        },
      }),
    ],
    [
      'a Proxy whose get trap throws',
      'workflow_id could not be read: get refused',
      trapped('get'),
    ],
    [
      'a Proxy whose has trap throws',
      'id could not be read: has refused',
      trapped('has'),
    ],
    [
      'a Proxy whose ownKeys trap throws',
      'order could not be read: ownKeys refused',
      trapped('ownKeys'),
    ],
    [
      'a Proxy whose getOwnPropertyDescriptor trap throws',
      'order could not be read: getOwnPropertyDescriptor refused',
      trapped('getOwnPropertyDescriptor'),
    ],
    [
      'a Proxy whose getPrototypeOf trap throws',
      'order could not be read: getPrototypeOf refused',
      trapped('getPrototypeOf'),
    ],
    [
      'a placed_at whose getPrototypeOf trap throws',
      'placed_at could not be read: getPrototypeOf refused',
      { ...valid, placed_at: trapped('getPrototypeOf') },
    ],
    [
      'a revoked Proxy',
      'order could not be read: Cannot perform',
      revoked.proxy,
    ],
    ['a field that points back at the order', 'unknown field parent', circular],
    [
      'an order as its own asset type',
      'asset_type: must be a string',
      circularField,
    ],
    ['null', 'must be an object', null],
    ['undefined', 'must be an object', undefined],
    ['a number', 'must be an object', 42],
    ['a BigInt', 'must be an object', 42n],
    ['a string', 'must be an object', JSON.stringify(valid)],
    ['a function', 'must be an object', () => valid],
    ['a Symbol', 'must be an object', Symbol('order')],
    ['an array', 'must be an object', [valid]],
  ])('rejects an order with %s, saying "%s"', async (_case, message, order) => {
    // Prepare
    const logger = testLogger();
    const onError = jest.fn();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger,
      onError,
    });

    const stored = (await table.scanItems()).length;
    const next = anOrder({ workflow_id: randomUUID() });

    // Act
    let returned: unknown = 'not called';
    expect(() => {
      returned = record(recorder, order);
    }).not.toThrow();
    const result = await recorder.flush();
    recorder.record(next);
    const nextResult = await recorder.flush();

    // Assess
    expect(returned).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(message);
    expect(logger.warn.mock.calls[0][0]).not.toContain('\n');
    expect(logger.error).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.any(InvalidOrderError));
    expect(onError.mock.calls[0][0].message).toContain(message);
    expect(result).toMatchObject({ recorded: 0, invalid: 1, failed: 0 });
    expect(result.pending).toBe(0);
    expect(nextResult).toMatchObject({ recorded: 1, invalid: 0 });
    expect(recorder.stats()).toMatchObject({ recorded: 1, invalid: 1 });
    // The next order's record, guard and latest-order item, and nothing else.
    expect(await table.scanItems()).toHaveLength(stored + 3);
    expect(await table.ordersOf(next.workflow_id)).toHaveLength(1);
  });

  it('passes on what was thrown while reading the order as the cause', () => {
    // Prepare
    const onError = jest.fn();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger: testLogger(),
      onError,
    });
    const thrown = new Error('price feed closed');

    // Act
    record(recorder, withThrowingPrice(thrown));

    // Assess
    expect(onError.mock.calls[0][0].cause).toBe(thrown);
  });

  it('stores the order as it was recorded, reading each field once', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const placedMs = Date.now() - 60_000;
    const placedAt = new Date(placedMs);
    const order: Record<string, unknown> = anOrder({
      id: randomUUID(),
      placed_at: placedAt,
      asset_type: 'CfdOnIndex',
    });
    let reads = 0;
    Object.defineProperty(order, 'order_quantity', {
      enumerable: true,
      get: () => {
        reads += 1;
        return reads * 10;
      },
    });

    // Act
    record(recorder, order);
    placedAt.setTime(0);
    Object.assign(order, { order_price: 1, asset_type: 'Stock' });
    await recorder.flush();

    // Assess
    const [stored] = await table.ordersOf(order.workflow_id as string);
    expect(reads).toBe(1);
    expect(stored).toMatchObject({
      id: order.id,
      placed_at: placedMs / 1000,
      order_price: 7850.25,
      order_quantity: 10,
      asset_type: 'CfdOnIndex',
    });
  });

  it('keeps recording after a logger or onError that throws', async () => {
    // Prepare
    const logger = {
      warn: () => {
        throw new Error('log sink down');
      },
      error: () => {},
    };
    const onError = () => {
      throw new Error('handler bug');
    };
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger,
      onError,
    });

    // Act
    const recordAll = () => {
      recorder.record({ ...valid, order_price: 0 });
      record(recorder, trapped('get'));
      recorder.record(valid);
    };

    // Assess
    expect(recordAll).not.toThrow();
    const result = await recorder.flush();
    expect(result).toMatchObject({ recorded: 1, invalid: 2 });
    expect(await table.ordersOf(WORKFLOW_ID)).toHaveLength(1);
  });
});
