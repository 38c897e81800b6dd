import { DEFAULT_LATEST_ORDERS_LIMIT } from '@workflow-orders/plugin-workflow-orders-common';
import { ensureOrdersTable } from '@workflow-orders/table';
import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import { OrderTable } from '../../src/__testUtils__/orders';
import {
  localClient,
  remoteCatalog,
  remotePolicy,
  startBenchBackend,
  workflowEntities,
} from '../support/backend';

/** The table of the page against the Scan, in the benchmark's DynamoDB process. */
export const TABLE = 'orders_latest_bench';
/** Its workflows, each with ORDERS_A_DAY orders on each of DAYS days. */
export const WORKFLOWS = 500;
export const DAYS = 7;
export const ORDERS_A_DAY = 20;
/** How often each page is read: by the backend, and by the Scan. */
export const RUNS = Number(process.env.BENCH_LATEST_RUNS ?? 50);
export const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 10);
/** The rows of a page: the page the Workflow orders page asks for. */
export const PAGE = DEFAULT_LATEST_ORDERS_LIMIT;

/** The table of the restricted caller's page, its workflows, and those the caller may see. */
export const RESTRICTED_TABLE = 'orders_restricted_bench';
export const RESTRICTED_WORKFLOWS = 5000;
export const RESTRICTED_VISIBLE = 10;

/** Creates `tableName` in the benchmark's DynamoDB, and writes to it directly (not by the proxy). */
export async function createBenchTable(
  db: DynamoDbProcess,
  tableName: string,
): Promise<OrderTable> {
  const direct = localClient(db, db.endpoint);
  await ensureOrdersTable({ client: direct, tableName });
  return new OrderTable(direct, tableName);
}

/**
 * A backend reading `table` (TABLE unless given), with a catalog of the workflows and a policy each
 * `latencyMs` away; the policy allows every workflow, or those of the entities in `visible`. Its
 * `page()` reads the first page of GET /latest-orders: the workflows of its rows.
 */
export async function startPageBackend(
  db: DynamoDbProcess,
  workflowIds: string[],
  latencyMs: number,
  options: { table?: string; visible?: ReadonlySet<string> } = {},
) {
  const { table = TABLE, visible } = options;
  const backend = await startBenchBackend({
    db,
    tableName: table,
    access: [
      remoteCatalog(workflowEntities(workflowIds), latencyMs),
      remotePolicy(latencyMs, visible),
    ],
  });
  const page = async () => {
    const body = JSON.parse(await backend.call(`/latest-orders?limit=${PAGE}`));
    return (body.orders as Array<{ workflow_id: string }>).map(
      row => row.workflow_id,
    );
  };
  return { page, stop: () => backend.stop() };
}
