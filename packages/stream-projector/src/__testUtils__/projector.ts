import { testLogger, type TestTable } from '@workflow-orders/test-utils';
import { createLatestOrderProjector } from '../createLatestOrderProjector';
import type { LatestOrderProjectorOptions } from '../options';

/**
 * A projector of the test table, as a new container of the function makes it, with a logger of
 * its own; `options` replace any of that (a `client` the table's client settings).
 */
export function projectorOn(
  table: TestTable,
  options: LatestOrderProjectorOptions = {},
) {
  const connection = options.client ? {} : { clientConfig: table.clientConfig };
  return createLatestOrderProjector({
    tableName: table.tableName,
    ...connection,
    logger: testLogger(),
    ...options,
  } as LatestOrderProjectorOptions);
}
