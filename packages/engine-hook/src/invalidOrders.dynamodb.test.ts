import { anOrder } from '@workflow-orders/test-utils';
import { createOrderRecorder } from './createOrderRecorder';
import { InvalidOrderError } from './errors';
import {
  startTestbed,
  testLogger,
  type Testbed,
} from './__testUtils__/testbed';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';
const valid = anOrder({ workflow_id: WORKFLOW_ID });

describe('createOrderRecorder with invalid orders', () => {
  let testbed: Testbed;

  beforeAll(async () => {
    testbed = await startTestbed();
  }, 60_000);

  afterAll(async () => {
    await testbed.stop();
  });

  it.each<[string, string, unknown]>([
    [
      'a price of 0',
      'order_price: must be greater than 0',
      { ...valid, order_price: 0 },
    ],
    [
      'a negative price',
      'order_price: must be greater than 0',
      { ...valid, order_price: -5 },
    ],
    [
      'a NaN quantity',
      'order_quantity: must be a number',
      { ...valid, order_quantity: NaN },
    ],
    [
      'an unknown direction',
      'order_direction: must be BUY or SELL',
      { ...valid, order_direction: 'HOLD' },
    ],
    [
      'an unknown order type',
      'order_type: must be one of LIMIT, OPEN_STOP, STOP, STOP_LIMIT, MARKET, OCO',
      { ...valid, order_type: 'ICEBERG' },
    ],
    [
      'no workflow id',
      'workflow_id: is required',
      { ...valid, workflow_id: undefined },
    ],
    [
      'a workflow id that is no UUID',
      'workflow_id: must be a UUID',
      { ...valid, workflow_id: 'wf-1' },
    ],
    [
      'a 300-character name',
      'workflow_name: must be at most 200 characters',
      { ...valid, workflow_name: 'x'.repeat(300) },
    ],
    [
      'an empty order code',
      'order_code: must not be empty',
      { ...valid, order_code: ' ' },
    ],
    [
      'a negative trigger close',
      'trigger_close: must be 0 or more',
      { ...valid, trigger_close: -1 },
    ],
    [
      'an id with spaces',
      'id: must be printable ASCII without spaces',
      { ...valid, id: 'order 1' },
    ],
    ['an unknown field', 'unknown field colour', { ...valid, colour: 'red' }],
    ['no object at all', 'must be an object', null],
  ])('rejects an order with %s, saying "%s"', async (_case, message, order) => {
    // Prepare
    const logger = testLogger();
    const onError = jest.fn();
    const recorder = createOrderRecorder({
      clientConfig: testbed.clientConfig,
      logger,
      onError,
    });

    // Act
    const returned = (recorder.record as (input: unknown) => unknown)(order);
    const result = await recorder.flush();

    // Assess
    expect(returned).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(message));
    expect(onError).toHaveBeenCalledWith(expect.any(InvalidOrderError));
    expect(onError.mock.calls[0][0].message).toContain(message);
    expect(result).toMatchObject({ recorded: 0, invalid: 1, pending: 0 });
    expect(recorder.stats().invalid).toBe(1);
    expect(await testbed.scanAll()).toEqual([]);
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
      clientConfig: testbed.clientConfig,
      logger,
      onError,
    });

    // Act
    recorder.record({ ...valid, order_price: 0 });
    recorder.record(valid);
    const result = await recorder.flush();

    // Assess
    expect(result).toMatchObject({ recorded: 1, invalid: 1 });
    expect(await testbed.ordersOf(WORKFLOW_ID)).toHaveLength(1);
  });
});
