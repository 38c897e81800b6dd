import {
  DescribeTableCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { aStoredOrder } from '../anOrder';
import { faultEveryRequest } from '../faultProxy';
import { useTestTable } from './useTestTable';

const indexesOf = async (
  table: ReturnType<typeof useTestTable>,
  tableName = table.tableName,
) => {
  const { Table } = await table.client.send(
    new DescribeTableCommand({ TableName: tableName }),
  );
  return (Table?.GlobalSecondaryIndexes ?? []).map(index => index.IndexName);
};

describe('useTestTable', () => {
  describe('with a table for the file and a fault proxy', () => {
    const table = useTestTable({
      tableName: 'orders_of_the_file',
      faultProxy: true,
    });
    const workflowId = randomUUID();

    it('makes the table by its definition, and puts the proxy in front of it', async () => {
      // Act
      await table.put(aStoredOrder(workflowId, 1_700_000_000));
      table.proxy.set(faultEveryRequest('throttle'));
      const throttled = await table
        .createClient({ ...table.proxy.clientConfig, maxAttempts: 1 })
        .send(new ListTablesCommand({}))
        .catch(error => error.name);

      // Assess
      expect(await indexesOf(table)).toEqual(
        expect.arrayContaining(['id-index', 'latest-orders-index']),
      );
      expect(throttled).toBe('ThrottlingException');
    });

    it("keeps the file's items from test to test, and sets the proxy back before each", async () => {
      // Act
      const { TableNames } = await table
        .createClient(table.proxy.clientConfig)
        .send(new ListTablesCommand({}));

      // Assess
      expect(TableNames).toContain('orders_of_the_file');
      expect(await table.ordersOf(workflowId)).toHaveLength(1);
    });

    it('makes another table, without the latest-orders index when asked', async () => {
      // Act
      const before = await table.createTable({ latestOrdersIndex: false });

      // Assess
      expect(await indexesOf(table, before)).toEqual(['id-index']);
    });

    it('stops and starts the engine, with the table made again', async () => {
      // Act
      await table.stopEngine();
      const during = await table
        .createClient({ maxAttempts: 1 })
        .send(new ListTablesCommand({}))
        .then(
          () => 'answered',
          () => 'unreachable',
        );
      await table.startEngine();

      // Assess
      expect(during).toBe('unreachable');
      expect(await table.ordersOf(workflowId)).toEqual([]);
      expect(await indexesOf(table)).toHaveLength(2);
    }, 60_000);
  });

  describe('with a table for each test', () => {
    const table = useTestTable({ scope: 'test' });
    const workflowId = randomUUID();

    it.each([1, 2])('gives test %i an empty table', async () => {
      // Act
      const found = await table.scanItems();
      await table.put(aStoredOrder(workflowId, 1_700_000_000));

      // Assess
      expect(found).toEqual([]);
    });
  });
});
