import {
  liveChangesQuerySchema,
  liveChangesResponseSchema,
  liveOrdersHintSchema,
} from './live';

describe('live updates contract', () => {
  it('reads the sequence a browser continues from, or none', () => {
    expect(liveChangesQuerySchema.parse({ after: '42' })).toEqual({
      after: 42,
    });
    expect(liveChangesQuerySchema.parse({})).toEqual({});
  });

  it.each([['-1'], ['1.5'], ['abc'], [['1', '2']]])(
    'refuses after=%j with a message naming what it must be',
    after => {
      const result = liveChangesQuerySchema.safeParse({ after });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['after'],
        message: 'must be a sequence number',
      });
    },
  );

  it('reads the Orders tabs a browser shows, in lower case, at most 10', () => {
    const upper = 'F47AC10B-58CC-4372-A567-0E02B2C3D479';
    const other = '550e8400-e29b-41d4-a716-446655440000';
    expect(liveChangesQuerySchema.parse({ tab: upper })).toEqual({
      tab: [upper.toLowerCase()],
    });
    expect(liveChangesQuerySchema.parse({ tab: [upper, other] })).toEqual({
      tab: [upper.toLowerCase(), other],
    });
    expect(
      liveChangesQuerySchema.safeParse({ tab: 'nikkei' }).error?.issues[0],
    ).toMatchObject({ path: ['tab', 0], message: 'must be a UUID' });
    expect(
      liveChangesQuerySchema.safeParse({ tab: Array(11).fill(other) }).error
        ?.issues[0],
    ).toMatchObject({
      path: ['tab'],
      message: 'must name at most 10 workflows',
    });
  });

  it('refuses a query parameter it does not know', () => {
    expect(liveChangesQuerySchema.safeParse({ since: '1' }).success).toBe(
      false,
    );
  });

  it('accepts a hint that names no workflow, and nothing more', () => {
    expect(
      liveOrdersHintSchema.parse({ type: 'orders-changed', sequence: 7 }),
    ).toEqual({ type: 'orders-changed', sequence: 7 });
    expect(
      liveOrdersHintSchema.safeParse({ type: 'orders-changed' }).success,
    ).toBe(false);
  });

  it('reads an answer of changes', () => {
    const answer = liveChangesResponseSchema.parse({
      sequence: 3,
      complete: true,
      interval_seconds: 2,
      changes: [
        {
          id: '5b7f3c1e-8d2a-4f6b-9c0d-1e2f3a4b5c6d',
          workflow_id: 'wf-eurusd',
          workflow_name: 'EUR/USD Mean Reversion',
          placed_at: '2026-12-04T09:00:00.000Z',
          order_code: 'EURUSD',
          order_price: 1.0842,
          order_quantity: 100000,
          order_direction: 'BUY',
          order_type: 'LIMIT',
        },
      ],
    });
    expect(answer.changes.map(change => change.workflow_id)).toEqual([
      'wf-eurusd',
    ]);
  });
});
