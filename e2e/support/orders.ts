import { expect, test } from '@playwright/test';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { awsCliPutItem } from '@workflow-orders/test-utils';
import { callApi } from './api';

/** Where the portal's API and its DynamoDB are, and the static token of scripts. */
interface Portal {
  readonly backendUrl: string;
  readonly dynamodbEndpoint: string;
  readonly apiToken: string;
}

/** Polls the Workflow orders API until `workflowId` has a row; the row and how long it took. */
async function waitForLatestOrder(
  portal: Portal,
  workflowId: string,
  writtenAt: number,
) {
  let row: Record<string, unknown> | undefined;
  await expect
    .poll(
      async () => {
        const res = await callApi(
          portal.backendUrl,
          portal.apiToken,
          '/latest-orders?limit=20',
        );
        const body = (await res.json()) as {
          orders: Array<Record<string, unknown>>;
        };
        row = body.orders.find(order => order.workflow_id === workflowId);
        return row !== undefined;
      },
      { timeout: 15_000, intervals: [100] },
    )
    .toBe(true);
  return { row: row!, afterMs: Date.now() - writtenAt };
}

/**
 * Writes `item` to the portal's orders table with the AWS CLI, around the recorder, as a person
 * following the quickstart does; the change feed hands it to the stream projector, which makes it
 * its workflow's latest order, as a table's stream does on AWS. Waits until the Workflow orders API
 * lists it, notes how long that took on the test, and answers the row.
 */
export async function putOrderByHand(
  portal: Portal,
  item: Record<string, AttributeValue>,
) {
  const workflowId = item.workflow_id.S!;
  const writtenAt = Date.now();
  await awsCliPutItem({
    endpoint: portal.dynamodbEndpoint,
    tableName: 'workflow_orders',
    item,
  });
  const { row, afterMs } = await waitForLatestOrder(
    portal,
    workflowId,
    writtenAt,
  );
  test.info().annotations.push({
    type: 'write to row',
    description: `${afterMs} ms from the put-item to the row in GET /latest-orders`,
  });
  return row;
}
