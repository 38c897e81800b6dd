import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { TestTable } from '@workflow-orders/test-utils';
import { DynamoDbOrderStore } from '../database/DynamoDbOrderStore';
import { storeConfig } from './orders';

/** Resolves once `ready()` holds, looking every 10 ms. */
export async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise(resolve => setTimeout(resolve, 10));
}

/** Requests per operation made after `before`, operations without any left out. */
function operationsSince(
  before: Record<string, number>,
  now: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(now)
      .map(([operation, count]) => [
        operation,
        count - (before[operation] ?? 0),
      ])
      .filter(([, count]) => count !== 0),
  );
}

/**
 * A store on the test table with these `summaries` settings, with a logger of its own and behind a
 * fault proxy of its own (`proxy`) that counts its requests per operation (`requests()`). It is given once it
 * has counted the `latest-orders-index` in the background, as it does when made; that count is not
 * among the requests. Requests get a long timeout, so a busy machine cannot add retries to the
 * requests counted.
 */
export async function countedStoreOn(
  dynamo: TestTable,
  options: { summaries?: object; now: () => number },
) {
  const proxy = await dynamo.startFaultProxy();
  const logger = mockServices.logger.mock();
  const store = await DynamoDbOrderStore.create({
    config: ConfigReader.fromConfigs([
      {
        context: 'tests',
        data: storeConfig(proxy.endpoint, dynamo.tableName, {
          summaries: options.summaries ?? {},
        }).get(),
      },
      {
        context: 'counted',
        data: { workflowOrders: { dynamodb: { requestTimeoutMs: 30_000 } } },
      },
    ]),
    logger,
    now: options.now,
  });
  dynamo.onCleanup(() => store.destroy());
  const counted = () =>
    logger.debug.mock.calls.some(([message]) =>
      String(message).startsWith('Counted the latest-orders-index'),
    );
  await until(counted);
  const before = proxy.stats().operations;
  return {
    store,
    logger,
    proxy,
    requests: () => operationsSince(before, proxy.stats().operations),
  };
}
