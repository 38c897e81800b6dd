import { aStoredOrder, useTestTable } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { inserted, streamEvent } from './__testUtils__/lambdaRecords';
import { handler } from './handler';

describe('handler', () => {
  const table = useTestTable({ tableName: 'orders_of_the_function' });
  const saved = { ...process.env };

  afterAll(() => {
    process.env = saved;
  });

  it('projects into the table named by WORKFLOW_ORDERS_TABLE, with the SDK settings of the function', async () => {
    // Prepare: the environment Lambda and the template give the function
    Object.assign(process.env, table.environment());
    const workflowId = randomUUID();
    const order = aStoredOrder(workflowId, Math.floor(Date.now() / 1000));

    // Act
    const response = await handler(streamEvent([inserted(order)]));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await table.latestOf(workflowId)).toMatchObject({
      last_order: { id: order.id },
    });
  });
});
