import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import {
  anOrder,
  faultNthRequest,
  testLogger,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { createOrderRecorder } from './createOrderRecorder';
import { QueueFullError } from './errors';
import type { RecorderStats } from './types';

/** Whole epoch seconds of now. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The recorder's counts before it has done anything: every count of its stats at 0. */
const NO_COUNTS = Object.fromEntries(
  'recorded duplicates failed dropped invalid kept replayed pending'
    .split(' ')
    .map(name => [name, 0]),
) as Record<keyof RecorderStats, number>;

describe('createOrderRecorder against DynamoDB', () => {
  const table = useTestTable({ faultProxy: true });

  it('stores exactly 1,000 orders when a fifth of the requests fail, some after they landed', async () => {
    // Prepare
    table.proxy.set({ failureRate: 0.2, faultTiming: 'random' });
    const logger = testLogger();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      logger,
      maxQueue: 1000,
      maxAttempts: 20,
      orderDeadlineMs: 60_000,
    });
    const workflows = Array.from({ length: 10 }, () => randomUUID());

    // Act
    for (let i = 0; i < 1000; i++) {
      recorder.record(
        anOrder({ workflow_id: workflows[i % 10], order_quantity: i + 1 }),
      );
    }
    const result = await recorder.flush({ timeoutMs: 120_000 });

    // Assess
    const storedByWorkflow = await Promise.all(workflows.map(table.ordersOf));
    const stored = storedByWorkflow.flat();
    expect(stored).toHaveLength(1000);
    expect(new Set(stored.map(item => item.id)).size).toBe(1000);
    const latest = await Promise.all(workflows.map(table.latestOf));
    expect(latest.map(item => item?.last_order)).toEqual(
      storedByWorkflow.map(orders => orders[orders.length - 1]),
    );
    expect(result).toEqual({
      ...NO_COUNTS,
      recorded: 1000,
      timedOut: false,
    });
    const { injected } = table.proxy.stats();
    expect(
      injected.http500 + injected.throttle + injected.reset,
    ).toBeGreaterThan(100);
    expect(logger.error).not.toHaveBeenCalled();
  }, 180_000);

  it("keeps a workflow's newest order as its latest, whatever order the writes land in", async () => {
    // Prepare
    const workflowId = randomUUID();
    const now = nowSeconds();
    const recordAlone = async (placedAt: number) => {
      // A recorder each, as separate Lambda invocations would be.
      const recorder = createOrderRecorder({
        clientConfig: table.proxy.clientConfig,
      });
      const order = anOrder({
        id: randomUUID(),
        workflow_id: workflowId,
        placed_at: placedAt,
      });
      recorder.record(order);
      await recorder.flush();
      return order;
    };

    // Act
    const newer = await recordAlone(now - 60);
    await recordAlone(now - 120);
    const afterOlder = await table.latestOf(workflowId);
    const newest = await recordAlone(now - 1);

    // Assess
    expect(afterOlder).toMatchObject({
      placed_at: 0,
      last_placed_at: now - 60,
      last_order: { id: newer.id, placed_at: now - 60 },
      ttl: Math.floor(now - 60) + ORDER_RETENTION_SECONDS,
    });
    expect(afterOlder).not.toHaveProperty('id');
    expect(await table.latestOf(workflowId)).toMatchObject({
      last_placed_at: now - 1,
      last_order: { id: newest.id, order_code: newest.order_code },
    });
    expect(await table.ordersOf(workflowId)).toHaveLength(3);
  });

  it('stores two orders of one workflow placed in the same second as two records', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const placedAt = nowSeconds();
    const first = anOrder({ placed_at: placedAt, order_code: 'FRA40.I' });
    const second = {
      ...first,
      order_code: 'US500.I',
      order_direction: 'SELL' as const,
    };

    // Act
    recorder.record(first);
    recorder.record(second);
    const result = await recorder.flush();

    // Assess
    const stored = await table.ordersOf(first.workflow_id);
    expect(stored.map(item => item.order_code).sort()).toEqual([
      'FRA40.I',
      'US500.I',
    ]);
    expect(stored.map(item => item.placed_at)).toEqual([
      placedAt,
      placedAt + 0.000001,
    ]);
    expect(result.recorded).toBe(2);
  });

  it('stores an order recorded again by a re-run of the engine once, at its first key', async () => {
    // Prepare
    const id = randomUUID();
    const placedAt = nowSeconds() - 60;
    const order = anOrder({ id, placed_at: placedAt });
    const firstRun = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    firstRun.record(order);
    await firstRun.flush();

    // Act
    const rerun = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    rerun.record({ ...order, placed_at: placedAt + 30 });
    const result = await rerun.flush();

    // Assess
    const stored = await table.ordersOf(order.workflow_id);
    expect(stored).toEqual([
      expect.objectContaining({ id, placed_at: placedAt }),
    ]);
    expect(result).toMatchObject({ recorded: 0, duplicates: 1, failed: 0 });
    expect(await table.latestOf(order.workflow_id)).toMatchObject({
      last_placed_at: placedAt,
      last_order: { id, placed_at: placedAt },
    });
  });

  it('stores an order once when the answer to its write is lost and the write is retried', async () => {
    // Prepare: the second request (the order's own put) is applied, then answered with a 500
    const lossy = await table.startFaultProxy(
      faultNthRequest(2, 'http500', 'after'),
    );
    const recorder = createOrderRecorder({ clientConfig: lossy.clientConfig });
    const order = anOrder({ id: randomUUID() });

    // Act
    recorder.record(order);
    const result = await recorder.flush();

    // Assess
    expect(lossy.stats().injected.http500).toBe(1);
    expect(await table.ordersOf(order.workflow_id)).toEqual([
      expect.objectContaining({ id: order.id }),
    ]);
    expect(result).toMatchObject({ recorded: 1, duplicates: 0, failed: 0 });
  });

  it('stores placed_at in epoch seconds with milliseconds and ttl seven days later', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const placedAt = new Date(Date.now() - 1234);
    const order = anOrder({
      placed_at: placedAt,
      order_direction: 'Sell',
      asset_type: 'CfdOnIndex',
    });

    // Act
    recorder.record(order);
    await recorder.flush();

    // Assess
    const [stored] = await table.ordersOf(order.workflow_id);
    expect(stored.placed_at).toBe(placedAt.getTime() / 1000);
    expect(stored.ttl).toBe(
      Math.floor(placedAt.getTime() / 1000) + ORDER_RETENTION_SECONDS,
    );
    expect(stored).toMatchObject({
      order_direction: 'SELL',
      asset_type: 'CfdOnIndex',
    });
    expect(stored.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it('drops orders past maxQueue with an error log and a counter, and stores the rest', async () => {
    // Prepare
    const logger = testLogger();
    const onError = jest.fn();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      maxQueue: 2,
      logger,
      onError,
    });
    const workflowId = randomUUID();

    // Act
    for (let i = 0; i < 3; i++)
      recorder.record(anOrder({ workflow_id: workflowId }));
    const result = await recorder.flush();

    // Assess
    expect(await table.ordersOf(workflowId)).toHaveLength(2);
    expect(result).toMatchObject({ recorded: 2, dropped: 1 });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        `of workflow ${workflowId} dropped: the queue holds 2 orders already`,
      ),
    );
    expect(onError).toHaveBeenCalledWith(expect.any(QueueFullError));
  });

  it('records nothing when the kill switch is set', async () => {
    // Prepare
    process.env.WORKFLOW_ORDERS_RECORDER_DISABLED = '1';
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    delete process.env.WORKFLOW_ORDERS_RECORDER_DISABLED;
    const order = anOrder();

    // Act
    recorder.record(order);
    const result = await recorder.flush();

    // Assess
    expect(await table.ordersOf(order.workflow_id)).toEqual([]);
    expect(recorder.stats()).toEqual(NO_COUNTS);
    expect(result.timedOut).toBe(false);
  });

  it('fails an order at once when the table does not exist', async () => {
    // Prepare
    const logger = testLogger();
    const onError = jest.fn();
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      tableName: 'no_such_table',
      logger,
      onError,
    });

    // Act
    recorder.record(anOrder());
    const result = await recorder.flush();

    // Assess
    expect(result).toMatchObject({ recorded: 0, failed: 1, pending: 0 });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('not recorded'),
    );
    expect(onError.mock.calls[0][0].cause.name).toBe(
      'ResourceNotFoundException',
    );
  });
});
