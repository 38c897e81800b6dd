import { useTestTable } from '@workflow-orders/test-utils';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { BASE, startBackendOn } from '../__testUtils__/backend';
import { OrderTable, orderItem } from '../__testUtils__/orders';

jest.setTimeout(240_000);

const WORKFLOW = randomUUID();

describe('workflow-orders router under random input', () => {
  const dynamo = useTestTable({ tableName: 'orders_property_test' });
  let server: Server;
  let cursor: string;

  beforeAll(async () => {
    const table = new OrderTable(dynamo.client, dynamo.tableName);
    await table.putAll(
      Array.from({ length: 30 }, (_, index) =>
        orderItem({
          workflow_id: WORKFLOW,
          placed_at: Date.now() / 1000 - index * 97.5,
          id: `order-${index}`,
        }),
      ),
    );
    server = await startBackendOn(dynamo);
    const first = await request(server).get(
      `${BASE}/workflows/${WORKFLOW}/orders?limit=3`,
    );
    cursor = first.body.next_cursor;
  });

  const mutated = (text: string) =>
    fc
      .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }))
      .map(([at, insert]) => {
        const index = at % (text.length + 1);
        return text.slice(0, index) + insert + text.slice(index + 1);
      });

  const segment = () =>
    fc.oneof(
      fc.constant(WORKFLOW),
      fc.constant(WORKFLOW.toUpperCase()),
      fc.uuid(),
      fc.constantFrom(
        'order-1',
        'test-order-001',
        '%',
        '%E0%A4%A',
        '..',
        '%00',
      ),
      fc.string({ maxLength: 200 }).map(encodeURIComponent),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
    );

  const value = () =>
    fc.oneof(
      fc.integer({ min: -1000, max: 1000 }).map(String),
      fc.double().map(String),
      // Cursors are issued once the backend runs, after these arbitraries are made.
      fc.constant(null).map(() => cursor),
      fc.constant('').chain(() => mutated(cursor)),
      fc.string({ maxLength: 700 }),
    );

  const query = fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('limit', 'cursor', 'limit[]', 'cursor[a]'),
          fc.string(),
        ),
        value(),
      ),
      { maxLength: 4 },
    )
    .map(pairs =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
    );

  const path = fc.oneof(
    segment().map(s => `/workflows/${s}/orders`),
    segment().map(s => `/workflows/${s}/activity`),
    segment().map(s => `/orders/${s}`),
    fc.constant('/summaries'),
    fc.constant('/health'),
    fc.array(segment(), { maxLength: 4 }).map(parts => `/${parts.join('/')}`),
  );

  const body = fc.oneof(
    fc
      .record(
        {
          workflow_ids: fc.array(
            fc.oneof(
              fc.constant(WORKFLOW),
              fc.uuid(),
              fc.string(),
              fc.integer(),
              fc.constant(null),
            ),
            { maxLength: 520 },
          ),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      )
      .map(json => JSON.stringify(json)),
    fc.jsonValue().map(json => JSON.stringify(json)),
    fc.string(),
  );

  it('never answers 2,000 random requests with a server error', async () => {
    // Prepare
    const statuses = new Map<number, number>();
    const requests = fc.record({
      method: fc.constantFrom('get', 'post'),
      path,
      query,
      body,
    });

    // Act
    await fc.assert(
      fc.asyncProperty(requests, async input => {
        const url = `${BASE}${input.path}${input.query}`;
        const call =
          input.method === 'get'
            ? request(server).get(url)
            : request(server)
                .post(url)
                .set('content-type', 'application/json')
                .send(input.body);
        const response = await call;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

        // Assess
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 2000 },
    );

    // Assess
    expect([...statuses.values()].reduce((sum, n) => sum + n, 0)).toBe(2000);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
