import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  demoWorkflow,
  LIVE_WORKFLOWS,
} from '../packages/backend/scripts/demoWorkflows';
import { check, eventually, rowTexts, rowTimes, Scenario } from './harness';
import { isNewestFirst, PortalPages } from './pages';

/**
 * The scenarios of a running portal: scripts with the API token, an order written by hand, a live
 * engine, and DynamoDB going away and coming back.
 */
export function operationScenarios({
  portal,
  workflows,
  entityUrl,
  rowOf,
  ordersOf,
}: PortalPages): Scenario[] {
  return [
    {
      name: 'scripts read the API with the static token; a request without it gets 401',
      async run() {
        const { workflowId } = demoWorkflow(workflows, 'fra40-breakout');
        const url = `${portal.backendUrl}/api/workflow-orders/workflows/${workflowId}/orders`;
        const withToken = await fetch(url, {
          headers: { Authorization: `Bearer ${portal.apiToken}` },
        });
        const body = (await withToken.json()) as { orders: unknown[] };
        check(
          withToken.status === 200 && body.orders.length === 3,
          `with the token: ${withToken.status}`,
        );
        const without = await fetch(url);
        check(without.status === 401, `without a token: ${without.status}`);
      },
    },
    {
      name: "the quickstart's put-item of a test order appears on Test Workflow and in the list",
      async run(page) {
        const now = Math.floor(Date.now() / 1000);
        const client = new DynamoDBClient({
          endpoint: portal.dynamodbEndpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        });
        try {
          await client.send(
            new PutItemCommand({
              TableName: 'workflow_orders',
              Item: {
                id: { S: 'test-order-001' },
                workflow_id: { S: '550e8400-e29b-41d4-a716-446655440000' },
                workflow_name: { S: 'Test Workflow' },
                placed_at: { N: String(now) },
                order_code: { S: 'FRA40.I' },
                order_price: { N: '7850.25' },
                order_quantity: { N: '10' },
                order_direction: { S: 'BUY' },
                order_type: { S: 'LIMIT' },
                ttl: { N: String(now + ORDER_RETENTION_SECONDS) },
              },
            }),
          );
        } finally {
          client.destroy();
        }
        const [row] = await ordersOf(page, 'test-workflow', 1);
        check(
          row.includes('FRA40.I') && row.includes('7,850.25'),
          `the row reads "${row}"`,
        );
        // Written around the recorder, so without a latest-order item: the list finds it by a query.
        await page.goto(`${portal.appUrl}/catalog`);
        await eventually(
          'test-workflow reading "Last order: just now"',
          async () =>
            /Last order: just now/.test(
              await rowOf(page, 'test-workflow').innerText(),
            ),
        );
      },
    },
    {
      name: 'an order placed by the demo engine while the page is open appears after the refresh interval',
      timeoutMs: 150_000,
      async run(page) {
        const name = LIVE_WORKFLOWS[0].name;
        await page.goto(entityUrl(name, '/orders'));
        const [newestAtLoad] = await eventually(
          `orders of ${name}`,
          async () => {
            const times = await rowTimes(page);
            return times.length > 0 && times;
          },
        );
        await eventually(
          'a newer order without reloading the page',
          async () =>
            Date.parse((await rowTimes(page))[0]) > Date.parse(newestAtLoad),
          130_000,
        );
        check(
          isNewestFirst(await rowTimes(page)),
          'the refreshed rows are not newest first',
        );
      },
    },
    {
      name: 'with DynamoDB stopped the tab shows an error, not "no orders", and recovers when it restarts',
      timeoutMs: 90_000,
      async run(page) {
        await portal.stopDynamoDb();
        try {
          await page.goto(entityUrl('fra40-breakout', '/orders'));
          await page
            .getByText('Could not load the orders')
            .waitFor({ timeout: 30_000 });
          check(
            (await page.getByText('No orders placed').count()) === 0,
            'the failed load reads as "no orders"',
          );
        } finally {
          await portal.startDynamoDb();
        }
        await page.getByRole('button', { name: 'Retry' }).click();
        await eventually(
          '3 order rows after the restart',
          async () => (await rowTexts(page)).length === 3,
          30_000,
        );
        check(
          (await page.getByText('Could not load the orders').count()) === 0,
          'the error stays after recovery',
        );
      },
    },
  ];
}
