import { workflowOrderHistoryResponseSchema } from '@workflow-orders/plugin-workflow-orders-common';
import request from 'supertest';
import {
  mockStore,
  routerWith,
  storedRecord,
  workflowEntity,
} from '../__testUtils__/access';
import { createCursorCodec } from './cursor';

const WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';
const ENTITIES = [workflowEntity('dax-breakout', WORKFLOW)];
const PLACED_AT = 1_767_225_600.25;

describe('GET /workflows/:workflowId/orders with a sort and filters', () => {
  const store = mockStore();
  const cursors = createCursorCodec({ secret: 'a secret of these tests' });
  const orders = (query: string) =>
    `/workflows/${WORKFLOW}/orders${query ? `?${query}` : ''}`;

  beforeEach(() => {
    store.getHistory.mockResolvedValue({
      orders: [storedRecord({ order_direction: 'SELL' })],
      totalCount: 7,
      nextPlacedAt: PLACED_AT,
    });
  });

  afterEach(() => {
    jest.resetAllMocks();
  });

  it('reads the sort and the filters, in any case, and answers the count of what matches', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });

    // Act
    const response = await request(app).get(
      orders('sort=oldest&direction=sell&code=fra40.i&limit=1'),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(
      workflowOrderHistoryResponseSchema.parse(response.body),
    ).toMatchObject({
      total_count: 7,
      limit: 1,
      next_cursor: expect.any(String),
    });
    expect(store.getHistory).toHaveBeenCalledWith({
      workflowId: WORKFLOW,
      limit: 1,
      afterPlacedAt: undefined,
      sort: 'oldest',
      direction: 'SELL',
      code: 'FRA40.I',
    });
  });

  it('leads on with a cursor that carries the sort and filters', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });
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
    const { app } = await routerWith({ store, entities: ENTITIES });
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
      message:
        'cursor belongs to another sort or filter; start again without a cursor',
    });
    expect(store.getHistory).not.toHaveBeenCalled();
  });

  it('takes a cursor of the newest-first, unfiltered history only without filters', async () => {
    // Prepare
    const { app } = await routerWith({ store, entities: ENTITIES });
    const cursor = cursors.encode({
      workflowId: WORKFLOW,
      placedAt: PLACED_AT,
    });

    // Act
    const plain = await request(app).get(orders(`cursor=${cursor}`));
    const newest = await request(app).get(
      orders(`sort=newest&cursor=${cursor}`),
    );
    const sells = await request(app).get(
      orders(`direction=SELL&cursor=${cursor}`),
    );

    // Assess
    expect(plain.status).toBe(200);
    expect(newest.status).toBe(200);
    expect(sells.status).toBe(400);
  });

  it('refuses a cursor of the latest orders', async () => {
    const { app } = await routerWith({ store, entities: ENTITIES });
    const cursor = cursors.encodeLatest({
      workflowId: WORKFLOW,
      placedAt: PLACED_AT,
    });

    const response = await request(app).get(orders(`cursor=${cursor}`));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'cursor is not valid: use the next_cursor of a previous page as it is',
    );
  });

  it.each([
    ['sort=random', 'sort must be newest or oldest'],
    ['sort=oldest&sort=newest', 'sort must be newest or oldest'],
    ['direction=HOLD', 'direction must be BUY or SELL'],
    ['code=', 'code must not be empty'],
    ['code=%20%20', 'code must not be empty'],
  ])('answers ?%s with 400 "%s"', async (query, message) => {
    const { app } = await routerWith({ store, entities: ENTITIES });

    const response = await request(app).get(orders(query));

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
    expect(store.getHistory).not.toHaveBeenCalled();
  });
});
