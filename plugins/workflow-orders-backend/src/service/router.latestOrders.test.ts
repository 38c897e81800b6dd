import { latestOrdersResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  cursors,
  HIDDEN,
  PLACED_AT,
  routerWith,
  storedRecord,
  VISIBLE,
} from '../__testUtils__/access';
import { useMockStore } from '../__testUtils__/routes';

/** A page of one row, of {@link VISIBLE}, with the position of the next. */
const PAGE = {
  orders: [
    storedRecord({
      id: 'o-visible',
      placed_at: PLACED_AT + 1,
      workflow_name: null,
    }),
  ],
  next: { workflowId: VISIBLE, placedAt: PLACED_AT + 1 },
};

// How GET /latest-orders reads its query and answers; which rows a caller sees is the reads' rule
// (OrderReads.test.ts), failures and the audit are router.access.test.ts's.
describe('GET /latest-orders', () => {
  const store = useMockStore();
  let app: Express;

  beforeEach(async () => {
    ({ app } = await routerWith({ store }));
    store.getLatestOrders.mockResolvedValue({ orders: [] });
  });

  it('answers a page of rows with the workflow name, and a cursor that leads on with its filters', async () => {
    // Prepare
    store.getLatestOrders.mockResolvedValueOnce(PAGE);

    // Act
    const first = await request(app).get(
      '/latest-orders?limit=1&direction=buy&code=fra40.i',
    );
    const second = await request(app).get(
      `/latest-orders?limit=1&direction=BUY&code=FRA40.I&cursor=${first.body.next_cursor}`,
    );

    // Assess
    expect(first.status).toBe(200);
    expect(latestOrdersResponseSchema.parse(first.body)).toEqual({
      orders: [
        {
          id: 'o-visible',
          workflow_id: VISIBLE,
          workflow_name: null,
          placed_at: '2026-01-01T00:00:01.250Z',
          order_code: 'FRA40.I',
          order_price: 7850.25,
          order_quantity: 10,
          order_direction: 'BUY',
          order_type: 'LIMIT',
        },
      ],
      limit: 1,
      next_cursor: expect.any(String),
    });
    expect(second.status).toBe(200);
    expect(second.body.next_cursor).toBeNull();
    expect(store.getLatestOrders).toHaveBeenNthCalledWith(1, {
      limit: 1,
      after: undefined,
      direction: 'BUY',
      code: 'FRA40.I',
      workflowIds: undefined,
    });
    expect(store.getLatestOrders).toHaveBeenNthCalledWith(
      2,
      expect.objectContaining({ after: PAGE.next }),
    );
  });

  it('asks for 50 rows when no limit is given', async () => {
    const response = await request(app).get('/latest-orders');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ orders: [], limit: 50, next_cursor: null });
    expect(store.getLatestOrders).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 50 }),
    );
  });

  it('reads only the workflows named, in lower case', async () => {
    const response = await request(app).get(
      `/latest-orders?workflow_ids=${HIDDEN.toUpperCase()},${VISIBLE}`,
    );

    expect(response.status).toBe(200);
    expect(store.getLatestOrders).toHaveBeenCalledWith(
      expect.objectContaining({ workflowIds: [HIDDEN, VISIBLE] }),
    );
  });

  it.each([
    ['limit=0', 'limit must be between 1 and 100'],
    ['limit=101', 'limit must be between 1 and 100'],
    ['limit=1&limit=2', 'limit must be between 1 and 100'],
    ['direction=HOLD', 'direction must be BUY or SELL'],
    ['code=', 'code must not be empty'],
    [`code=${'X'.repeat(51)}`, 'code must be at most 50 characters'],
    ['workflow_ids=wf-1', 'workflow_ids.0 must be a UUID'],
    [
      `workflow_ids=${Array.from({ length: 101 }, () => randomUUID()).join(',')}`,
      'workflow_ids must be a comma-separated list of 1 to 100 workflow ids',
    ],
    ['sort=oldest', 'unknown query parameter sort'],
    ['cursor=abc.def', 'cursor is not valid'],
  ])('answers ?%s with 400 "%s"', async (query, message) => {
    const response = await request(app).get(`/latest-orders?${query}`);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'InputError' });
    expect(response.body.error.message).toContain(message);
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  it.each([
    [
      'of other filters, without filters',
      '',
      cursors.encodeLatest({ workflowId: VISIBLE, placedAt: 1 }, 'SELL||'),
      'cursor belongs to another filter; start again without a cursor',
    ],
    [
      'of other filters, with filters',
      'direction=BUY&',
      cursors.encodeLatest({ workflowId: VISIBLE, placedAt: 1 }, 'SELL||'),
      'cursor belongs to another filter; start again without a cursor',
    ],
    [
      'of a history',
      '',
      cursors.encode({ workflowId: VISIBLE, placedAt: 1 }),
      'cursor is not valid: use the next_cursor of a previous page as it is',
    ],
  ])('refuses a cursor %s', async (_case, query, cursor, message) => {
    const response = await request(app).get(
      `/latest-orders?${query}cursor=${cursor}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(message);
    expect(store.getLatestOrders).not.toHaveBeenCalled();
  });

  it('takes a cursor back with the same workflows named in another order', async () => {
    // Prepare
    store.getLatestOrders.mockResolvedValueOnce(PAGE);
    const first = await request(app).get(
      `/latest-orders?limit=1&workflow_ids=${VISIBLE},${HIDDEN}`,
    );

    // Act
    const again = await request(app).get(
      `/latest-orders?limit=1&workflow_ids=${HIDDEN.toUpperCase()},${VISIBLE}&cursor=${first.body.next_cursor}`,
    );

    // Assess
    expect(again.status).toBe(200);
    expect(store.getLatestOrders).toHaveBeenLastCalledWith(
      expect.objectContaining({ after: PAGE.next }),
    );
  });
});
