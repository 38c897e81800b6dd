/*
 * Runs the workflow-orders backend plugin on its own: `npm start` in this folder (or
 * `npx backstage-cli package start`). Without WORKFLOW_ORDERS_DYNAMODB_ENDPOINT it starts an embedded
 * DynamoDB in this process with a few orders of the quickstart workflow; with it, it reads that
 * DynamoDB (e.g. http://localhost:8001, the one of the quickstart).
 *
 * Auth, permissions and the catalog are mocked: a request without a token counts as a signed-in
 * user, who may read orders; the catalog holds one entity, carrying the quickstart workflow's id
 * (every other workflow is unlinked, which the allow-all permissions also let the user read).
 *
 *   curl http://localhost:7007/api/workflow-orders/health
 *   curl 'http://localhost:7007/api/workflow-orders/workflows/550e8400-e29b-41d4-a716-446655440000/orders?limit=2'
 *   curl 'http://localhost:7007/api/workflow-orders/workflows/550e8400-e29b-41d4-a716-446655440000/orders?limit=2&cursor=<next_cursor>'
 *   curl 'http://localhost:7007/api/workflow-orders/workflows/550e8400-e29b-41d4-a716-446655440000/orders?sort=oldest&direction=sell'
 *   curl http://localhost:7007/api/workflow-orders/workflows/550e8400-e29b-41d4-a716-446655440000/activity
 *   curl 'http://localhost:7007/api/workflow-orders/latest-orders?limit=50'
 *   curl 'http://localhost:7007/api/workflow-orders/latest-orders?direction=BUY&code=fra40.i'
 *   curl http://localhost:7007/api/workflow-orders/orders/test-order-001
 *   curl http://localhost:7007/api/workflow-orders/live/changes   # then ?after=<sequence>
 *   curl http://localhost:7007/api/workflow-orders/summaries -H 'Content-Type: application/json' \
 *     -d '{"workflow_ids": ["550e8400-e29b-41d4-a716-446655440000", "6f1c2a8e-2b7d-4c3e-9a10-2f4b5c6d7e8f"]}'
 *
 * Unauthenticated, and as a service:
 *
 *   curl http://localhost:7007/api/workflow-orders/summaries -H 'Authorization: Bearer mock-none-token'
 *   curl http://localhost:7007/api/workflow-orders/orders/test-order-001 -H 'Authorization: Bearer mock-service-token'
 */
import {
  PutCommand,
  DynamoDBDocumentClient,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
import {
  expiryOf,
  latestOrderUpdateOf,
  ORDER_RETENTION_SECONDS,
} from '@workflow-orders/table';
import { startEmbeddedDynamoDb } from '@workflow-orders/test-utils';

const QUICKSTART_WORKFLOW = '550e8400-e29b-41d4-a716-446655440000';

async function startDemoDynamoDb(): Promise<string> {
  const db = await startEmbeddedDynamoDb({ engine: 'dynalite' });
  const documents = DynamoDBDocumentClient.from(db.createClient());
  const now = Math.floor(Date.now() / 1000);
  const orders = [
    { id: 'test-order-001', placed_at: now - 120, order_direction: 'BUY' },
    {
      id: 'demo-order-002',
      placed_at: now - 3 * 3600,
      order_direction: 'SELL',
    },
    {
      id: 'demo-order-003',
      placed_at: now - 2 * 86400,
      order_direction: 'BUY',
    },
    {
      id: 'demo-order-004',
      placed_at: now - ORDER_RETENTION_SECONDS - 60,
      order_direction: 'SELL',
    },
  ];
  const items = orders.map(order => ({
    ...order,
    workflow_id: QUICKSTART_WORKFLOW,
    workflow_name: 'Test Workflow',
    order_code: 'FRA40.I',
    order_price: 7850.25,
    order_quantity: 10,
    order_type: 'LIMIT',
    ttl: expiryOf(order.placed_at),
  }));
  for (const item of items) {
    await documents.send(
      new PutCommand({ TableName: db.tableName, Item: item }),
    );
  }
  // The workflow's latest-order item, as the recorder keeps it: the row of GET /latest-orders.
  await documents.send(
    new UpdateCommand({
      TableName: db.tableName,
      ...latestOrderUpdateOf(items[0]),
    }),
  );
  documents.destroy();
  process.once('SIGINT', () => db.stop().finally(() => process.exit(0)));
  return db.endpoint;
}

async function main() {
  let endpoint = process.env.WORKFLOW_ORDERS_DYNAMODB_ENDPOINT;
  if (!endpoint) {
    endpoint = await startDemoDynamoDb();
    console.log(`Embedded DynamoDB with demo orders at ${endpoint}`);
  }
  // Config from the environment is merged over app-config by the config loader.
  process.env.APP_CONFIG_workflowOrders_dynamodb_endpoint = endpoint;
  process.env.APP_CONFIG_workflowOrders_dynamodb_region ??= 'us-east-1';
  process.env.APP_CONFIG_workflowOrders_dynamodb_credentials_accessKeyId ??=
    'local';
  process.env.APP_CONFIG_workflowOrders_dynamodb_credentials_secretAccessKey ??=
    'local';

  const backend = createBackend();
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
  );
  backend.add(
    catalogServiceMock.factory({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'test-workflow',
            annotations: { [WORKFLOW_ID_ANNOTATION]: QUICKSTART_WORKFLOW },
          },
          spec: { type: 'service', lifecycle: 'experimental', owner: 'guests' },
        },
      ],
    }),
  );
  backend.add(import('../src'));
  await backend.start();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
