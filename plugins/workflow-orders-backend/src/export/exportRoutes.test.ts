import { ServiceUnavailableError } from '@backstage/errors';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  EXPORT_ROW_LIMIT_HEADER,
  EXPORT_TRUNCATED_TRAILER,
} from '@workflow-orders/plugin-workflow-orders-common';
import type { WorkflowOrderRecord } from '@workflow-orders/table';
import express, { type Express } from 'express';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  cursors,
  HIDDEN,
  operations,
  PLACED_AT,
  readsWith,
  storedRecord,
  trader,
  type TestPolicy,
  VISIBLE,
} from '../__testUtils__/access';
import { createRouter } from '../service/router';
import { memoryOrderStore } from '../__testUtils__/memoryOrderStore';

const OTHER = '7c9e6679-7425-40de-944b-e07fc1f0e7a1';

/** `count` orders of `workflowId`, one a second, alternately BUY and SELL. */
function ordersOf(
  workflowId: string,
  count: number,
  fields: Partial<WorkflowOrderRecord> = {},
) {
  return Array.from({ length: count }, (_, i) =>
    storedRecord({
      id: `${workflowId.slice(0, 4)}-${i}`,
      workflow_id: workflowId,
      placed_at: PLACED_AT + i,
      order_direction: i % 2 ? 'SELL' : 'BUY',
      ...fields,
    }),
  );
}

/** The router over an in-memory store of `orders`, as the trader sees it unless told. */
async function exportRouter(
  orders: WorkflowOrderRecord[],
  exportMaxRows?: number,
  policy: TestPolicy = trader,
) {
  const store = memoryOrderStore(orders);
  const services = readsWith({ store, policy });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    store,
    reads: services.reads,
    cursors,
    exportMaxRows,
  });
  const errorHandler = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.rootLogger(),
  }).error();
  const app = express().use(router).use(errorHandler);
  return { app, store, ...services };
}

/** The records of a CSV without its header, each as its fields (none of these fields is quoted). */
const recordsOf = (csv: string) =>
  csv
    .split('\r\n')
    .slice(1, -1)
    .map(line => line.split(','));

/** A GET of `path` on `app` read with Node's client, which keeps the response's trailers. */
async function withTrailers(app: Express, path: string) {
  const server = app.listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`http://localhost:${port}${path}`, resolve).on('error', reject),
    );
    let body = '';
    for await (const chunk of response) body += chunk;
    return { response, body };
  } finally {
    server.close();
  }
}

describe('GET /workflows/:workflowId/orders.csv', () => {
  it('exports every page of the history, newest first, as a CSV download', async () => {
    // Prepare
    const { app, store } = await exportRouter([
      ...ordersOf(VISIBLE, 250),
      ...ordersOf(OTHER, 3),
    ]);

    // Act
    const response = await request(app).get(`/workflows/${VISIBLE}/orders.csv`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="${VISIBLE}-orders-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
      ),
    );
    const records = recordsOf(response.text);
    expect(response.text.split('\r\n')[0]).toBe(
      'When,Direction,Quantity,Price,Asset code,Order type,Order id',
    );
    expect(records).toHaveLength(250);
    expect(records[0][6]).toBe('550e-249');
    expect(records[249]).toEqual([
      '2026-01-01T00:00:00.250Z',
      'BUY',
      String(storedRecord().order_quantity),
      String(storedRecord().order_price),
      storedRecord().order_code,
      storedRecord().order_type,
      '550e-0',
    ]);
    expect(store.getHistory).toHaveBeenCalledTimes(3);
  });

  it('exports only the orders the sort and filters select', async () => {
    const { app } = await exportRouter([
      ...ordersOf(VISIBLE, 6, { order_code: 'DAX.I' }),
      ...ordersOf(VISIBLE, 2, { order_code: 'FRA40.I' }).map((o, i) => ({
        ...o,
        id: `fra-${i}`,
        placed_at: PLACED_AT + 100 + i,
      })),
    ]);

    const response = await request(app).get(
      `/workflows/${VISIBLE}/orders.csv?sort=oldest&direction=sell&code=dax.i`,
    );

    expect(response.status).toBe(200);
    expect(recordsOf(response.text).map(r => r[6])).toEqual([
      '550e-1',
      '550e-3',
      '550e-5',
    ]);
  });

  it('stops at the row limit and says so in its header and trailer', async () => {
    const { app } = await exportRouter(ordersOf(VISIBLE, 150), 120);

    const { response, body } = await withTrailers(
      app,
      `/workflows/${VISIBLE}/orders.csv`,
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers[EXPORT_ROW_LIMIT_HEADER.toLowerCase()]).toBe('120');
    expect(recordsOf(body)).toHaveLength(120);
    expect(response.trailers[EXPORT_TRUNCATED_TRAILER.toLowerCase()]).toBe(
      'true',
    );
  });

  it('says it is complete when the orders fill the row limit exactly', async () => {
    const { app } = await exportRouter(ordersOf(VISIBLE, 100), 100);

    const { response, body } = await withTrailers(
      app,
      `/workflows/${VISIBLE}/orders.csv`,
    );

    expect(recordsOf(body)).toHaveLength(100);
    expect(response.trailers[EXPORT_TRUNCATED_TRAILER.toLowerCase()]).toBe(
      'false',
    );
  });

  it('aborts the download when a later page cannot be read, rather than end it short', async () => {
    const { app, store } = await exportRouter(ordersOf(VISIBLE, 150));
    const read = store.getHistory.getMockImplementation()!;
    store.getHistory
      .mockImplementationOnce(read)
      .mockRejectedValueOnce(
        new ServiceUnavailableError('DynamoDB did not answer'),
      );

    const answer = request(app).get(`/workflows/${VISIBLE}/orders.csv`);

    await expect(answer).rejects.toThrow();
  });

  it('answers the 404 of the JSON route for a workflow the caller may not see', async () => {
    const { app } = await exportRouter(ordersOf(HIDDEN, 3));

    const [csv, json] = await Promise.all([
      request(app).get(`/workflows/${HIDDEN}/orders.csv`),
      request(app).get(`/workflows/${HIDDEN}/orders`),
    ]);

    expect({ status: csv.status, error: csv.body.error }).toEqual({
      status: 404,
      error: json.body.error,
    });
    expect(csv.body.error.message).toBe(`No workflow ${HIDDEN} was found`);
  });

  it.each([
    ['a direction it does not know', 'direction=HOLD', 'direction'],
    ['a page size', 'limit=10', 'limit'],
    ['a cursor', 'cursor=abc', 'cursor'],
  ])('answers 400 naming the parameter for %s', async (_case, query, name) => {
    const { app, store } = await exportRouter(ordersOf(VISIBLE, 3));

    const response = await request(app).get(
      `/workflows/${VISIBLE}/orders.csv?${query}`,
    );

    expect({
      status: response.status,
      name: response.body.error?.name,
      read: store.getHistory.mock.calls.length,
    }).toEqual({ status: 400, name: 'InputError', read: 0 });
    expect(response.body.error.message).toContain(name);
  });

  it('records an audit event for each page it reads, with the caller and the workflow', async () => {
    const { app, events, auditor } = await exportRouter(ordersOf(VISIBLE, 150));

    await request(app).get(`/workflows/${VISIBLE}/orders.csv`);

    expect(auditor.createEvent).toHaveBeenCalledTimes(2);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'orders-fetch',
        meta: expect.objectContaining({
          queryType: 'history',
          workflowId: VISIBLE,
          via: 'http',
        }),
      }),
    );
    expect(events.map(e => e.success.mock.calls.length)).toEqual([1, 1]);
  });
});

describe('GET /latest-orders.csv', () => {
  it('exports the latest order of every workflow the caller may see, across pages', async () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      storedRecord({
        id: `latest-${i}`,
        workflow_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        workflow_name: i === 0 ? '=cmd, "quoted"' : `wf-${i}`,
        placed_at: PLACED_AT + i,
      }),
    );
    const { app } = await exportRouter(
      [...many, ...ordersOf(HIDDEN, 2)],
      undefined,
      operations,
    );

    const response = await request(app).get('/latest-orders.csv');

    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="latest-orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      'When,Workflow,Workflow id,Direction,Quantity,Price,Asset code,Order type,Order id',
    );
    expect(lines).toHaveLength(132);
    expect(response.text).not.toContain(HIDDEN);
    expect(lines[130]).toContain(`,"'=cmd, ""quoted""",`);
  });

  it('exports only the workflows and direction asked for', async () => {
    const { app } = await exportRouter([
      ...ordersOf(VISIBLE, 2),
      ...ordersOf(OTHER, 1),
    ]);

    const response = await request(app).get(
      `/latest-orders.csv?direction=SELL&workflow_ids=${VISIBLE},${OTHER}`,
    );

    expect(recordsOf(response.text).map(r => r[8])).toEqual(['550e-1']);
  });

  it('answers 400 naming a workflow id that is not one', async () => {
    const { app } = await exportRouter([]);

    const response = await request(app).get(
      '/latest-orders.csv?workflow_ids=not-a-uuid',
    );

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('workflow_ids');
  });
});
