import {
  UNSTORED_ORDER_MARKER,
  formatUnstoredLine,
  readUnstoredLine,
  type UnstoredOrder,
} from './unstoredLine';

const entry: UnstoredOrder = {
  table: 'workflow_orders',
  reason: 'flush deadline reached',
  order: {
    id: '0b3b7c1e-2f1d-4c59-9a43-5f1f0f6f3e21',
    workflow_id: '550e8400-e29b-41d4-a716-446655440000',
    workflow_name: 'DAX Breakout',
    placed_at: 1764835200.123,
    order_code: 'FRA40.I',
    order_price: 7850.25,
    order_quantity: 10,
    order_direction: 'BUY',
    order_type: 'LIMIT',
    execution_context: 'lambda:dax-breakout',
    ttl: 1765440000,
  },
};
const line = formatUnstoredLine(entry);

describe('the line of an unstored order', () => {
  it('is the marker and the order as JSON, on one line', () => {
    expect(line.startsWith(`${UNSTORED_ORDER_MARKER} {`)).toBe(true);
    expect(line).not.toContain('\n');
    expect(readUnstoredLine(line, 1)).toEqual({
      kind: 'order',
      line: 1,
      entry,
    });
  });

  // The forms in which a Lambda function's log reaches an operator.
  it.each([
    [
      'a Lambda text log',
      `2026-12-04T10:00:00.000Z\tc0ffee-42\tERROR\t${line}`,
    ],
    [
      'a CloudWatch Logs export to S3',
      `2026-12-04T10:00:00.000Z 2026-12-04T10:00:00.000Z\tc0ffee-42\tERROR\t${line}`,
    ],
    [
      'a Lambda JSON log',
      JSON.stringify({
        timestamp: '2026-12-04T10:00:00.000Z',
        level: 'ERROR',
        requestId: 'c0ffee-42',
        message: line,
      }),
    ],
    [
      'the JSON output of aws logs filter-log-events',
      `            "message": ${JSON.stringify(`2026-12-04T10:00:00.000Z\tc0ffee-42\tERROR\t${line}\n`)},`,
    ],
    [
      'the text output of aws logs filter-log-events',
      `EVENTS\t3781\t1764842400500\tstream\t2026-12-04T10:00:00.000Z\tc0ffee-42\tERROR\t${line}\t1764842400000`,
    ],
  ])('is read from %s', (_form, text) => {
    expect(readUnstoredLine(text, 7)).toEqual({
      kind: 'order',
      line: 7,
      entry,
    });
  });

  it.each([
    [
      'a truncated line',
      line.slice(0, line.length - 20),
      'truncated or not JSON after the marker',
    ],
    ['another version', line.replace('"v":1', '"v":2'), 'version 2 is not 1'],
    [
      'no order',
      `${UNSTORED_ORDER_MARKER} {"v":1,"table":"t","reason":"r"}`,
      'no order',
    ],
    ['no table', `${UNSTORED_ORDER_MARKER} {"v":1,"order":{}}`, 'no table'],
  ])('names what is wrong with %s', (_case, text, problem) => {
    expect(readUnstoredLine(text, 3)).toEqual({
      kind: 'unreadable',
      line: 3,
      problem,
    });
  });

  it('passes over lines of the rest of a log', () => {
    expect(
      readUnstoredLine('REPORT RequestId: c0ffee-42 Duration: 12.3 ms', 9),
    ).toEqual({ kind: 'foreign', line: 9 });
  });
});
