import { ConfigReader } from '@backstage/config';
import { readOrdersConfig } from '../config';

describe('workflowOrders.export', () => {
  it('lets an export write 100,000 rows unless set', () => {
    expect(readOrdersConfig(new ConfigReader({})).export.maxRows).toBe(100_000);
  });

  it('reads the row limit it is given', () => {
    const config = new ConfigReader({
      workflowOrders: { export: { maxRows: 5000 } },
    });
    expect(readOrdersConfig(config).export.maxRows).toBe(5000);
  });

  it.each([0, 1.5])(
    'refuses a row limit of %p, naming the setting',
    maxRows => {
      const config = new ConfigReader({
        workflowOrders: { export: { maxRows } },
      });
      expect(() => readOrdersConfig(config)).toThrow(
        `workflowOrders.export.maxRows must be a whole number of 1 or more, got ${maxRows}`,
      );
    },
  );
});
