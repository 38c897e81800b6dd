import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readUnstoredLine } from '@workflow-orders/table';
import { createKeeper } from './keeper';
import type { OrderItem } from '../orderItem';

const anItem = (n: number): OrderItem => ({
  id: `order-${n}`,
  workflow_id: '550e8400-e29b-41d4-a716-446655440000',
  workflow_name: 'DAX Breakout',
  placed_at: 1764835200 + n,
  order_code: 'FRA40.I',
  order_price: 7850.25,
  order_quantity: 10,
  order_direction: 'BUY',
  order_type: 'LIMIT',
  execution_context: 'cli:test',
  ttl: 1765440000 + n,
});

const aLogger = () => ({ warn: jest.fn(), error: jest.fn() });
const nextTurn = () => new Promise(resolve => setImmediate(resolve));
const ordersIn = (lines: string[]) =>
  lines.map((line, i) => {
    const read = readUnstoredLine(line, i + 1);
    return read.kind === 'order' ? read.entry.order : read;
  });

describe('createKeeper', () => {
  let stateDirectory: string;
  beforeEach(() => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'keeper-'));
  });
  const spillFiles = () => readdirSync(join(stateDirectory, 'orders'));
  const spilled = (name: string) =>
    readFileSync(join(stateDirectory, 'orders', name), 'utf8')
      .trimEnd()
      .split('\n');
  /** A keeper of table `orders`, spilling up to 1 MiB to `stateDirectory` unless told otherwise. */
  const aKeeper = (
    options: Partial<Parameters<typeof createKeeper>[0]> = {},
  ) => {
    const logger = aLogger();
    const keeper = createKeeper({
      stateDirectory,
      maxSpillBytes: 1 << 20,
      tableName: 'orders',
      logger,
      ...options,
    });
    return { keeper, logger };
  };

  it('appends one line per order to its own spill file, ready for replay once closed', async () => {
    const { keeper, logger } = aKeeper();

    expect(keeper.keep(anItem(1), 'queue full')).toBe(true);
    expect(keeper.keep(anItem(2), 'queue full')).toBe(true);
    await nextTurn();
    const [open] = spillFiles();
    expect(open).toMatch(
      new RegExp(`^unstored-.*-${process.pid}-[0-9a-f]{6}\\.jsonl\\.open$`),
    );
    expect(ordersIn(spilled(open))).toEqual([anItem(1), anItem(2)]);

    keeper.close();
    expect(spillFiles()).toEqual([open.replace(/\.open$/, '')]);
    await nextTurn();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `kept in ${join(stateDirectory, 'orders', open)}`,
      ),
    );
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('keeps an order once, however often it is handed over', async () => {
    const { keeper } = aKeeper();
    const item = anItem(1);
    expect(keeper.keep(item, 'flush deadline reached')).toBe(true);
    expect(keeper.keep(item, 'still pending when the process exited')).toBe(
      false,
    );
    keeper.close();
    expect(spilled(spillFiles()[0])).toHaveLength(1);
  });

  it('writes to the log past its bound, saying so once', () => {
    const { keeper, logger } = aKeeper({ maxSpillBytes: 800 });
    for (let n = 1; n <= 4; n++) keeper.keep(anItem(n), 'queue full');
    keeper.close();

    const [bound, ...logged] = logger.error.mock.calls.map(([text]) => text);
    expect(bound).toMatch(/reached its bound of 800 bytes \(maxSpillBytes\)/);
    const inFile = ordersIn(spilled(spillFiles()[0]));
    expect([...inFile, ...ordersIn(logged)]).toEqual([1, 2, 3, 4].map(anItem));
    expect(inFile.length).toBeGreaterThan(0);
  });

  it('writes to the log without a state directory, as in AWS Lambda', () => {
    const { keeper, logger } = aKeeper({ stateDirectory: false });
    keeper.keep(anItem(1), 'flush deadline reached');
    keeper.close();

    expect(logger.error).toHaveBeenCalledTimes(1);
    const [[text]] = logger.error.mock.calls;
    expect(readUnstoredLine(text, 1)).toEqual({
      kind: 'order',
      line: 1,
      entry: {
        table: 'orders',
        reason: 'flush deadline reached',
        order: anItem(1),
      },
    });
  });

  it('writes to the log when the spill file cannot be written', async () => {
    const blocked = join(stateDirectory, 'a-file');
    writeFileSync(blocked, '');
    const { keeper, logger } = aKeeper({ stateDirectory: blocked });
    keeper.keep(anItem(1), 'queue full');
    await nextTurn();

    const [explanation, line] = logger.error.mock.calls.map(([text]) => text);
    expect(explanation).toMatch(/cannot write the spill file \(ENOTDIR/);
    expect(ordersIn([line])).toEqual([anItem(1)]);
  });
});
