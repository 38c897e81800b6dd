import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { OrdersTablePersistence } from './OrdersTablePersistence';
import { sendOnce, type RequestRunner } from './RequestRunner';

const PLACED_AT = 1_763_769_600.5;

describe('OrdersTablePersistence', () => {
  // The proxy counts the requests the persistence makes.
  const table = useTestTable({ faultProxy: true });
  let persistence: OrdersTablePersistence;

  beforeAll(() => {
    persistence = new OrdersTablePersistence({
      client: DynamoDBDocumentClient.from(
        table.createClient(table.proxy.clientConfig),
      ),
      tableName: table.tableName,
    });
  });

  describe('writeLatestOrder', () => {
    it('writes a newer order and leaves the item current for the same or an older one', async () => {
      // Prepare
      const workflowId = randomUUID();
      const order = aStoredOrder(workflowId, PLACED_AT + 1);

      // Act
      const outcomes = [
        await persistence.writeLatestOrder(order),
        await persistence.writeLatestOrder(order),
        await persistence.writeLatestOrder(aStoredOrder(workflowId, PLACED_AT)),
      ];

      // Assess
      expect(outcomes).toEqual(['written', 'current', 'current']);
      expect(
        (await persistence.readLatestOrders([workflowId])).get(workflowId),
      ).toEqual({
        workflow_id: workflowId,
        last_placed_at: PLACED_AT + 1,
        last_order: order,
      });
    });
  });

  describe('readLatestOrders', () => {
    it('reads a hundred workflows per request, with none for a workflow without an item', async () => {
      // Prepare
      const withItem = Array.from({ length: 120 }, () => randomUUID());
      const without = Array.from({ length: 30 }, () => randomUUID());
      for (const workflowId of withItem) {
        await persistence.writeLatestOrder(aStoredOrder(workflowId, PLACED_AT));
      }
      const before = table.proxy.stats().operations.BatchGetItem ?? 0;

      // Act
      const latest = await persistence.readLatestOrders([
        ...withItem,
        ...without,
        withItem[0],
      ]);

      // Assess
      expect(table.proxy.stats().operations.BatchGetItem - before).toBe(2);
      expect(latest.size).toBe(150);
      for (const workflowId of withItem) {
        expect(latest.get(workflowId)).toMatchObject({
          workflow_id: workflowId,
          last_placed_at: PLACED_AT,
        });
      }
      for (const workflowId of without) {
        expect(latest.has(workflowId)).toBe(true);
        expect(latest.get(workflowId)).toBeUndefined();
      }
    });

    it('asks again for the keys DynamoDB leaves unprocessed', async () => {
      // Prepare: the first answer comes back with every key unprocessed
      const workflowIds = [randomUUID(), randomUUID()];
      for (const workflowId of workflowIds) {
        await persistence.writeLatestOrder(aStoredOrder(workflowId, PLACED_AT));
      }
      let answers = 0;
      const unprocessedFirst: RequestRunner = async attempt => {
        const sent = await sendOnce(attempt);
        answers += 1;
        if (answers > 1) return sent;
        const output = sent.value as BatchGetCommandOutput;
        const [name] = Object.keys(output.Responses ?? {});
        const keys = (output.Responses?.[name] ?? []).map(item => ({
          workflow_id: item.workflow_id,
          placed_at: 0,
        }));
        const value = {
          ...output,
          Responses: { [name]: [] },
          UnprocessedKeys: { [name]: { Keys: keys } },
        };
        return { ...sent, value: value as typeof sent.value };
      };

      // Act
      const latest = await persistence.readLatestOrders(
        workflowIds,
        unprocessedFirst,
      );

      // Assess
      expect(answers).toBe(2);
      expect([...latest.values()]).toEqual([
        expect.objectContaining({ workflow_id: workflowIds[0] }),
        expect.objectContaining({ workflow_id: workflowIds[1] }),
      ]);
    });
  });
});
