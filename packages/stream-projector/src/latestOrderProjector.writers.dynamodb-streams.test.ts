import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import {
  latestOrderKeyOf,
  ORDER_RETENTION_SECONDS,
} from '@workflow-orders/table';
import {
  anOrder,
  awsCliPutItem,
  quickstartItem,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { streamEvent } from './__testUtils__/lambdaRecords';
import { projectorOn } from './__testUtils__/projector';

// The real stream of AWS DynamoDB Local, read with the Streams API and handed over as Lambda does.
// dynalite implements no streams, so this suite always runs on DynamoDB Local (Java); the unit
// stage leaves it out and the DynamoDB Local stage runs it.

const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

describe('the latest-order projector on a real DynamoDB stream, with the orders of every writer', () => {
  const table = useTestTable({ engine: 'dynamodb-local', stream: true });
  const { latestOf } = table;

  it('projects the test order of the quickstart, put with the AWS CLI', async () => {
    // Prepare
    const workflowId = randomUUID();
    const placedAt = secondsAgo(60);
    const item = quickstartItem({ workflowId, placedAt });
    await awsCliPutItem({
      endpoint: table.endpoint,
      tableName: table.tableName,
      item,
    });
    const records = await table.stream.read({ atLeast: 1 });

    // Act
    const response = await projectorOn(table)(streamEvent(records));

    // Assess
    expect(records.map(r => r.eventName)).toEqual(['INSERT']);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toEqual({
      ...latestOrderKeyOf(workflowId),
      last_placed_at: placedAt,
      ttl: placedAt + ORDER_RETENTION_SECONDS,
      latest_orders_shard: 'latest',
      last_order: unmarshall(item),
    });
  }, 30_000);

  it("projects an order of the original Python engine as boto3 stored it: Decimal numbers, the enums' names, no workflow_name", async () => {
    // Prepare: what boto3's put_item sends for an item of Decimals
    const workflowId = randomUUID();
    const placedAt = secondsAgo(30);
    const N = (value: string): AttributeValue => ({ N: value });
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          id: { S: 'legacy-7f3a' },
          workflow_id: { S: workflowId },
          placed_at: N(String(placedAt)),
          order_code: { S: 'DAX.I' },
          order_price: N('18000.50'),
          order_quantity: N('2'),
          trigger_close: N('17990.2500000000000000000001'),
          order_direction: { S: 'Sell' },
          order_type: { S: 'Limit' },
          ttl: N(String(placedAt + ORDER_RETENTION_SECONDS)),
        },
      }),
    );
    const records = await table.stream.read({ atLeast: 1 });

    // Act
    const response = await projectorOn(table)(streamEvent(records));

    // Assess: the order as stored; readers decide how to show it
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toMatchObject({
      last_placed_at: placedAt,
      last_order: {
        id: 'legacy-7f3a',
        placed_at: placedAt,
        order_price: 18000.5,
        order_quantity: 2,
        trigger_close: 17990.25,
        order_direction: 'Sell',
        order_type: 'Limit',
      },
    });
    expect((await latestOf(workflowId))?.last_order).not.toHaveProperty(
      'workflow_name',
    );
  }, 30_000);

  it("repairs the recorder's latest-order item and ignores the recorder's guard, latest-order item and its own writes", async () => {
    // Prepare: the recorder stores an order; its latest-order item is then lost, as when a flush
    // deadline cut the recorder's third step short
    const workflowId = randomUUID();
    const recorder = createOrderRecorder({
      tableName: table.tableName,
      clientConfig: table.clientConfig,
    });
    recorder.record(anOrder({ workflow_id: workflowId }));
    expect(await recorder.flush()).toMatchObject({ recorded: 1 });
    const byRecorder = await latestOf(workflowId);
    await table.documents.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: latestOrderKeyOf(workflowId),
      }),
    );
    // guard, order, latest-order item, its removal
    const records = await table.stream.read({ atLeast: 4 });
    const projector = projectorOn(table);

    // Act
    const response = await projector(streamEvent(records));
    const ownWrites = await table.stream.read({ atLeast: 1 });
    await projector(streamEvent(ownWrites));

    // Assess
    expect(records.map(r => r.eventName)).toEqual([
      'INSERT',
      'INSERT',
      'INSERT',
      'REMOVE',
    ]);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toEqual(byRecorder);
    expect(projector.stats()).toEqual({
      records: 5,
      advanced: 1,
      current: 0,
      ignored: 4,
      malformed: 0,
      failed: 0,
      updates: 1,
    });
  }, 30_000);
});
