import { describeIssues } from '@workflow-orders/order-vocabulary';
import { anOrder } from '@workflow-orders/test-utils';
import {
  workflowOrderInputSchema,
  workflowOrderRecordSchema,
} from './orderRecord';

const WORKFLOW_ID = '550e8400-e29b-41d4-a716-446655440000';

const validInput = anOrder({ workflow_id: WORKFLOW_ID });

describe('workflowOrderInputSchema', () => {
  it('accepts an order and normalises direction and type names', () => {
    // Act
    const parsed = workflowOrderInputSchema.parse({
      ...validInput,
      order_direction: 'Sell',
      order_type: 'open-stop',
      asset_type: 'CfdOnIndex',
    });

    // Assess
    expect(parsed.order_direction).toBe('SELL');
    expect(parsed.order_type).toBe('OPEN_STOP');
    expect(parsed.asset_type).toBe('CfdOnIndex');
  });

  it.each([
    ['buy', 'BUY'],
    ['Buy', 'BUY'],
    ['SELL', 'SELL'],
  ])('stores direction %s as %s', (input, stored) => {
    expect(
      workflowOrderInputSchema.parse({ ...validInput, order_direction: input })
        .order_direction,
    ).toBe(stored);
  });

  it('keeps an asset type it does not know', () => {
    expect(
      workflowOrderInputSchema.parse({ ...validInput, asset_type: 'Bond' })
        .asset_type,
    ).toBe('Bond');
  });

  it.each([
    [{ order_price: 0 }, 'order_price: must be greater than 0'],
    [{ order_price: -5 }, 'order_price: must be greater than 0'],
    [{ order_quantity: NaN }, 'order_quantity: must be a number'],
    [{ order_direction: 'HOLD' }, 'order_direction: must be BUY or SELL'],
    [{ workflow_id: undefined }, 'workflow_id: is required'],
    [{ workflow_id: 'wf-1' }, 'workflow_id: must be a UUID'],
    [
      { workflow_name: 'x'.repeat(300) },
      'workflow_name: must be at most 200 characters',
    ],
    [{ order_code: '' }, 'order_code: must not be empty'],
    [
      { order_type: 'ICEBERG' },
      'order_type: must be one of LIMIT, OPEN_STOP, STOP, STOP_LIMIT, MARKET, OCO',
    ],
    [{ trigger_close: -1 }, 'trigger_close: must be 0 or more'],
    [{ colour: 'red' }, 'unknown field colour'],
    [
      { placed_at: '2026-11-21' },
      'placed_at: must be epoch seconds or a valid Date',
    ],
    [
      { placed_at: new Date('not a date') },
      'placed_at: must be epoch seconds or a valid Date',
    ],
    [
      { placed_at: 1763769600123 },
      'placed_at: must be epoch seconds, not milliseconds',
    ],
  ])('rejects %o with "%s"', (change, message) => {
    // Act
    const result = workflowOrderInputSchema.safeParse({
      ...validInput,
      ...change,
    });

    // Assess
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toBe(message);
  });
});

describe('workflowOrderRecordSchema', () => {
  it('reads the item the quickstart inserts with the AWS CLI', () => {
    // Prepare
    const item = {
      id: 'test-order-001',
      workflow_id: WORKFLOW_ID,
      workflow_name: 'Test Workflow',
      placed_at: 1763769600,
      order_code: 'FRA40.I',
      order_price: 7850.25,
      order_quantity: 10,
      order_direction: 'BUY',
      order_type: 'LIMIT',
      ttl: 1764374400,
    };

    // Act
    const record = workflowOrderRecordSchema.parse(item);

    // Assess
    const { ttl: _ttl, ...shown } = item;
    expect(record).toEqual({
      ...shown,
      asset_type: null,
      trigger_close: null,
      execution_context: null,
    });
  });

  it('reads enum names written by the original engine', () => {
    const record = workflowOrderRecordSchema.parse({
      id: 'a1b2c3d4-e5f6-4789-a012-b3c4d5e6f7a8',
      workflow_id: WORKFLOW_ID.toUpperCase(),
      workflow_name: 'DAX',
      placed_at: 1763769600,
      order_code: 'DAX.I',
      order_price: 1,
      order_quantity: 1,
      order_direction: 'Sell',
      order_type: 'open_stop',
      asset_type: null,
      ttl: 1764374400,
    });

    expect(record.workflow_id).toBe(WORKFLOW_ID);
    expect(record.order_direction).toBe('SELL');
    expect(record.order_type).toBe('OPEN_STOP');
  });
});
