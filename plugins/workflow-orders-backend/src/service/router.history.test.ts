import { workflowOrderHistoryResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import type { Express } from 'express';
import request from 'supertest';
import {
  cursors,
  PLACED_AT,
  routerWith,
  storedRecord,
  VISIBLE,
} from '../__testUtils__/access';
import { useMockStore } from '../__testUtils__/routes';

const NOT_VALID =
  'cursor is not valid: use the next_cursor of a previous page as it is';
const OTHER_SCOPE =
  'cursor belongs to another sort or filter; start again without a cursor';

describe('GET /workflows/:workflowId/orders with a sort and filters', () => {
  const store = useMockStore();
  let app: Express;
  const orders = (query: string) =>
    `/workflows/${VISIBLE}/orders${query ? `?${query}` : ''}`;

  beforeEach(async () => {
    ({ app } = await routerWith({ store }));
    store.getHistory.mockResolvedValue({
      orders: [storedRecord({ order_direction: 'SELL' })],
      totalCount: 7,
      nextPlacedAt: PLACED_AT,
    });
  });

  it('reads the sort and the filters, in any case, and answers the count of what matches', async () => {
    const response = await request(app).get(
      orders('sort=oldest&direction=sell&code=fra40.i&limit=1'),
    );

    expect(response.status).toBe(200);
    expect(
      workflowOrderHistoryResponseSchema.parse(response.body),
    ).toMatchObject({
      total_count: 7,
      limit: 1,
      next_cursor: expect.any(String),
    });
    expect(store.getHistory).toHaveBeenCalledWith({
      workflowId: VISIBLE,
      limit: 1,
      afterPlacedAt: undefined,
      sort: 'oldest',
      direction: 'SELL',
      code: 'FRA40.I',
    });
  });

  it('leads on with a cursor that carries the sort and filters', async () => {
    // Prepare
    const first = await request(app).get(orders('sort=oldest&code=DAX.I'));

    // Act
    const second = await request(app).get(
      orders(`sort=oldest&code=dax.i&cursor=${first.body.next_cursor}`),
    );

    // Assess
    expect(second.status).toBe(200);
    expect(store.getHistory).toHaveBeenLastCalledWith(
      expect.objectContaining({
        afterPlacedAt: PLACED_AT,
        sort: 'oldest',
        code: 'DAX.I',
      }),
    );
  });

  it.each([
    ['without the sort it was issued for', 'code=DAX.I'],
    ['with another filter', 'sort=oldest&code=DAX.I&direction=BUY'],
    ['with another code', 'sort=oldest&code=FRA40.I'],
  ])('refuses a cursor %s', async (_case, query) => {
    // Prepare
    const first = await request(app).get(orders('sort=oldest&code=DAX.I'));
    store.getHistory.mockClear();

    // Act
    const response = await request(app).get(
      orders(`${query}&cursor=${first.body.next_cursor}`),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message: OTHER_SCOPE,
    });
    expect(store.getHistory).not.toHaveBeenCalled();
  });

  const newestFirst = cursors.encode({ workflowId: VISIBLE, placedAt: 1 });
  const ofLatest = cursors.encodeLatest({ workflowId: VISIBLE, placedAt: 1 });

  it.each([
    [
      'takes a newest-first, unfiltered cursor without a sort',
      newestFirst,
      '',
      null,
    ],
    ['takes it sorted newest first', newestFirst, 'sort=newest&', null],
    ['refuses it filtered', newestFirst, 'direction=SELL&', OTHER_SCOPE],
    ['refuses a cursor of the latest orders', ofLatest, '', NOT_VALID],
  ])('%s', async (_case, cursor, query, refusal) => {
    const response = await request(app).get(orders(`${query}cursor=${cursor}`));

    expect(response.status).toBe(refusal ? 400 : 200);
    expect(response.body.error?.message ?? null).toBe(refusal);
  });

  it.each([
    ['sort=random', 'sort must be newest or oldest'],
    ['sort=oldest&sort=newest', 'sort must be newest or oldest'],
    ['direction=HOLD', 'direction must be BUY or SELL'],
    ['code=', 'code must not be empty'],
    ['code=%20%20', 'code must not be empty'],
  ])('answers ?%s with 400 "%s"', async (query, message) => {
    const response = await request(app).get(orders(query));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
    expect(store.getHistory).not.toHaveBeenCalled();
  });
});
