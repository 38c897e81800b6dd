import { quickstartItem } from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { expect, orderRows, test } from './fixtures';

// The local portal's DynamoDB has a change feed that drives the stream projector, as a table's stream
// does on AWS: an order written by any client, here the AWS CLI, becomes its workflow's latest order
// without a backfill or a restart. As Olivia of operations, who sees every workflow.

test('an AWS CLI put-item of a workflow no entity carries shows on the Workflow orders page, with no backfill', async ({
  page,
  putOrderByHand,
}) => {
  const workflowId = randomUUID();
  const name = `Feed check ${workflowId.slice(0, 8)}`;
  const placedAt = Math.floor(Date.now() / 1000);

  const row = await putOrderByHand({
    ...quickstartItem({ workflowId, placedAt, id: `feed-${workflowId}` }),
    workflow_name: { S: name },
    order_price: { N: '4321.5' },
    order_direction: { S: 'SELL' },
  });

  expect(row).toMatchObject({
    workflow_name: name,
    order_price: 4321.5,
    order_direction: 'SELL',
  });
  await page.goto('/workflow-orders');
  const shown = orderRows(page).filter({ hasText: name });
  await expect(shown).toContainText('4,321.5');
  await expect(shown).toContainText('SELL');
  await expect(shown).toContainText('Not in the catalog');
});
