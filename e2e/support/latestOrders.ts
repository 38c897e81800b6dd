import { expect } from '@playwright/test';

/** Polls the Workflow orders API until `workflowId` has a row; the row and how long it took. */
export async function waitForLatestOrder(
  portal: { backendUrl: string; apiToken: string },
  workflowId: string,
  writtenAt: number,
) {
  let row: Record<string, unknown> | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(
          `${portal.backendUrl}/api/workflow-orders/latest-orders?limit=20`,
          { headers: { Authorization: `Bearer ${portal.apiToken}` } },
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
