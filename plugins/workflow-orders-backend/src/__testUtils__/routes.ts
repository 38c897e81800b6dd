import type { Express } from 'express';
import request from 'supertest';
import type { OrderStore } from '../database/OrderStore';
import { mockStore, VISIBLE } from './access';

/** A store whose every method is a jest mock, reset after each test of the file. */
export function useMockStore(): jest.Mocked<OrderStore> {
  const store = mockStore();
  afterEach(() => {
    jest.resetAllMocks();
  });
  return store;
}

/**
 * Every route reading orders, of {@link VISIBLE} or its order, with the store method behind it;
 * `POST /summaries` is sent {@link SUMMARIES_BODY}.
 */
export const READ_ROUTES = [
  ['GET', `/workflows/${VISIBLE}/orders`, 'getHistory'],
  ['GET', `/workflows/${VISIBLE}/activity`, 'getActivity'],
  ['GET', '/orders/order-1', 'getOrder'],
  ['POST', '/summaries', 'getLastOrders'],
  ['GET', '/latest-orders', 'getLatestOrders'],
] as const;

/** The body {@link send} posts: the summary of {@link VISIBLE}. */
export const SUMMARIES_BODY = { workflow_ids: [VISIBLE] };

/** A request of a {@link READ_ROUTES} route to `app`, as the user of `authorization` when given. */
export function send(
  app: Express,
  method: 'GET' | 'POST',
  path: string,
  authorization?: string,
) {
  const sent =
    method === 'GET'
      ? request(app).get(path)
      : request(app).post(path).send(SUMMARIES_BODY);
  return authorization ? sent.set('Authorization', authorization) : sent;
}

/** The first page at `path` (with a query), then the page its `next_cursor` leads to. */
export async function twoPages(app: Express, path: string) {
  const first = await request(app).get(path);
  const second = await request(app).get(
    `${path}&cursor=${first.body.next_cursor}`,
  );
  return [first, second] as const;
}

/** The answer of the history of a workflow without orders, with the default limit. */
export const emptyHistoryOf = (workflowId: string) => ({
  workflow_id: workflowId,
  orders: [],
  total_count: 0,
  total_count_exact: true,
  limit: 20,
  next_cursor: null,
});
