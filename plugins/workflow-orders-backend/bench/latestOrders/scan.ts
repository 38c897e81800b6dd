import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import { ORDER_RETENTION_SECONDS, ordersTable } from '@workflow-orders/table';
import { localClient } from '../support/backend';
import { PAGE, TABLE } from './setup';

type Item = Record<string, unknown>;

/** A DynamoDB client of the fault proxy whose requests a middleware counts, by operation. */
export function countingClient(db: DynamoDbProcess) {
  const client = localClient(db, db.proxyEndpoint);
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async args => {
      const operation = String(context.commandName).replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return { client, counts };
}

/** The original product's page: Scan everything, keep each workflow's newest order, sort, take 50. */
export async function scanPage(
  documents: { send: (command: ScanCommand) => Promise<any> },
  now: number,
) {
  const oldest = now - ORDER_RETENTION_SECONDS;
  const newest = new Map<string, Item>();
  let start: Item | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const placedAt = Number(item[ordersTable.sortKey]);
      // Orders only: the original table held nothing else, this one has latest-order items at 0.
      if (placedAt < oldest || typeof item.id !== 'string') continue;
      const workflowId = String(item[ordersTable.partitionKey]);
      const known = newest.get(workflowId);
      if (!known || Number(known[ordersTable.sortKey]) < placedAt) {
        newest.set(workflowId, item);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...newest.values()]
    .sort((a, b) => Number(b.placed_at) - Number(a.placed_at))
    .slice(0, PAGE)
    .map(item => String(item.workflow_id));
}
