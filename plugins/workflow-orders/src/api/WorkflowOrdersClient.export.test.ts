import { http, HttpResponse } from 'msw';
import {
  answerError,
  healthyWorkflows,
  bundFuturesCarry,
  createTestClient,
  daxBreakout,
  setupMockBackend,
  storeUnavailable,
  TEST_BASE_URL,
} from '../__testUtils__';
import { countCsvRecords } from './csvDownload';
import { WorkflowNotVisibleError } from './errors';

const [dax, hidden] = [daxBreakout(), bundFuturesCarry()];
const client = createTestClient();

/** The text of a downloaded file. */
const textOf = (blob: Blob) => blob.text();

describe('WorkflowOrdersClient exports', () => {
  const { server, requests, serve } = setupMockBackend();

  it("downloads a workflow's orders with the sort and filters, named as the backend names them", async () => {
    // Act
    const csv = await client.exportOrders({
      workflowId: dax.id,
      sort: 'oldest',
      direction: 'SELL',
      code: 'DAX.I',
    });

    // Assess
    expect(requests[0].url.pathname).toBe(
      `/api/workflow-orders/workflows/${dax.id}/orders.csv`,
    );
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({
      sort: 'oldest',
      direction: 'SELL',
      code: 'DAX.I',
    });
    expect(csv.filename).toMatch(
      new RegExp(`^${dax.id}-orders-\\d{4}-\\d\\d-\\d\\d\\.csv$`),
    );
    const lines = (await textOf(csv.content)).split('\r\n');
    expect(lines[0]).toBe(
      'When,Direction,Quantity,Price,Asset code,Order type,Order id',
    );
    expect(csv.rows).toBe(lines.length - 2);
    expect(csv.rows).toBeGreaterThan(0);
    expect(lines.slice(1, -1).every(line => line.includes(',SELL,'))).toBe(
      true,
    );
    expect(csv.rowLimit).toBe(100_000);
  });

  it('downloads the latest orders of the workflows asked for', async () => {
    const csv = await client.exportLatestOrders({ workflowIds: [dax.id] });

    expect(requests[0].url.searchParams.get('workflow_ids')).toBe(dax.id);
    expect(csv.rows).toBe(1);
    expect(await textOf(csv.content)).toContain(`,${dax.name},${dax.id},`);
  });

  it('rejects with WorkflowNotVisibleError for a workflow the user may not see', async () => {
    serve([...healthyWorkflows(), hidden]);

    await expect(
      client.exportOrders({ workflowId: hidden.id }),
    ).rejects.toBeInstanceOf(WorkflowNotVisibleError);
  });

  it("rejects with the backend's error when it cannot export", async () => {
    server.use(
      answerError(
        'get',
        '/latest-orders.csv',
        storeUnavailable('reading the latest orders'),
      ),
    );

    await expect(client.exportLatestOrders()).rejects.toMatchObject({
      statusCode: 503,
    });
  });

  it('counts the orders of a file whose fields hold quotes and line breaks', async () => {
    server.use(
      http.get(`${TEST_BASE_URL}/latest-orders.csv`, () =>
        HttpResponse.text(
          'When,Workflow\r\n2026-01-01T00:00:00.000Z,"two\r\nlines, ""quoted"""\r\n2026-01-02T00:00:00.000Z,plain\r\n',
        ),
      ),
    );

    const csv = await client.exportLatestOrders();

    expect(csv).toMatchObject({
      filename: 'latest-orders.csv',
      rows: 2,
      rowLimit: undefined,
    });
  });
});

describe('countCsvRecords', () => {
  it.each([
    ['', 0],
    ['a,b\r\n', 1],
    ['a,b\r\n1,2', 2],
    ['a\r\n"x\r\ny"\r\n"z ""q"""\r\n', 3],
  ])('counts the records of %p', (text, count) => {
    expect(countCsvRecords(text)).toBe(count);
  });
});
