import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ensureOrdersTable, latestOrderKeyOf } from '@workflow-orders/table';
import {
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  inserted,
  storedOrder,
  streamEvent,
} from './__testUtils__/lambdaRecords';
import { handler } from './handler';

describe('handler', () => {
  let db: EmbeddedDynamoDb;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb({ tableName: false });
    const client = db.createClient();
    await ensureOrdersTable({ client, tableName: 'orders_of_the_function' });
    client.destroy();
  }, 90_000);

  afterAll(async () => {
    process.env = saved;
    await db.stop();
  });

  it('projects into the table named by WORKFLOW_ORDERS_TABLE, with the SDK settings of the function', async () => {
    // Prepare: the environment Lambda and the template give the function
    Object.assign(process.env, {
      WORKFLOW_ORDERS_TABLE: 'orders_of_the_function',
      AWS_REGION: db.region,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const workflowId = randomUUID();
    const order = storedOrder(workflowId, Math.floor(Date.now() / 1000));

    // Act
    const response = await handler(streamEvent([inserted(order)]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const documents = DynamoDBDocumentClient.from(db.createClient());
    const { Item } = await documents.send(
      new GetCommand({
        TableName: 'orders_of_the_function',
        Key: latestOrderKeyOf(workflowId),
      }),
    );
    documents.destroy();
    expect(Item).toMatchObject({ last_order: { id: order.id } });
  });
});
