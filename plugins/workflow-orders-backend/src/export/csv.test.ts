import { storedRecord } from '../__testUtils__/access';
import {
  csvField,
  csvHeader,
  csvLine,
  csvRow,
  HISTORY_COLUMNS,
  LATEST_ORDER_COLUMNS,
} from './csv';

describe('csvField', () => {
  it.each([
    ['plain text', 'DAX.I', 'DAX.I'],
    ['a comma', 'Breakout, fast', '"Breakout, fast"'],
    ['a quote', 'the "fast" one', '"the ""fast"" one"'],
    ['a line feed', 'two\nlines', '"two\nlines"'],
    ['a carriage return and line feed', 'two\r\nlines', '"two\r\nlines"'],
    ['an empty text', '', ''],
  ])('writes %s as RFC 4180 says', (_case, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+', '+1+2', "'+1+2"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1', "'\t=1"],
  ])(
    'prefixes text starting with %s with a single quote',
    (_case, value, expected) => {
      expect(csvField(value)).toBe(expected);
    },
  );

  it.each([
    [18250.75, '18250.75'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-7, '1e-7'],
    [2, '2'],
    [-1.5, '-1.5'],
  ])('writes the number %p exactly as stored', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes nothing for a field that is not known', () => {
    expect(csvLine(['a', null, undefined, 'b'])).toBe('a,,,b\r\n');
  });
});

describe('an export row', () => {
  const order = storedRecord({
    id: 'order-7',
    order_price: 18250.75,
    order_quantity: 0.5,
    order_code: 'DAX.I',
    order_direction: 'SELL',
    order_type: 'LIMIT',
    workflow_name: 'DAX "breakout", v2',
  });

  it('has the history columns of the Orders tab, its time in UTC ISO 8601', () => {
    expect(csvHeader(HISTORY_COLUMNS)).toBe(
      'When,Direction,Quantity,Price,Asset code,Order type,Order id\r\n',
    );
    expect(csvRow(HISTORY_COLUMNS, order)).toBe(
      '2026-01-01T00:00:00.250Z,SELL,0.5,18250.75,DAX.I,LIMIT,order-7\r\n',
    );
  });

  it('names the workflow on the latest orders, quoted when it needs to be', () => {
    expect(csvHeader(LATEST_ORDER_COLUMNS)).toBe(
      'When,Workflow,Workflow id,Direction,Quantity,Price,Asset code,Order type,Order id\r\n',
    );
    expect(csvRow(LATEST_ORDER_COLUMNS, order)).toBe(
      `2026-01-01T00:00:00.250Z,"DAX ""breakout"", v2",${order.workflow_id},SELL,0.5,18250.75,DAX.I,LIMIT,order-7\r\n`,
    );
  });
});
