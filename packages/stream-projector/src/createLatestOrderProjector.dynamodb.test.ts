import {
  expiryOf,
  guardKeyOf,
  latestOrderKeyOf,
  OrdersTablePersistence,
  OrderWriteProtocol,
  ORDER_RETENTION_SECONDS,
  type TableItem,
} from '@workflow-orders/table';
import {
  aStoredOrder,
  faultEveryRequest,
  faultNthRequest,
  testLogger,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import {
  inserted,
  streamEvent,
  streamRecordOf,
} from './__testUtils__/lambdaRecords';
import { projectorOn } from './__testUtils__/projector';
import { createLatestOrderProjector } from './createLatestOrderProjector';
import type { LatestOrderProjectorOptions } from './options';

const NOW = Math.floor(Date.now() / 1000);

describe('createLatestOrderProjector', () => {
  const table = useTestTable();
  const projectorOf = (options: LatestOrderProjectorOptions = {}) =>
    projectorOn(table, options);
  const { latestOf } = table;

  it('makes each order of a batch the latest order of its workflow, copied as it is stored', async () => {
    // Prepare
    const [first, second] = [randomUUID(), randomUUID()];
    const orders = [
      aStoredOrder(first, NOW - 30),
      aStoredOrder(second, NOW - 20, { execution_context: 'cli:ops@host' }),
    ];
    const projector = projectorOf();

    // Act
    const response = await projector(streamEvent(orders.map(inserted)));

    // Assess
    expect(projector.stats()).toMatchObject({
      records: 2,
      advanced: 2,
      updates: 2,
    });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(first)).toEqual({
      ...latestOrderKeyOf(first),
      last_order: orders[0],
      last_placed_at: NOW - 30,
      ttl: expiryOf(NOW - 30),
      latest_orders_shard: 'latest',
    });
    expect(await latestOf(second)).toMatchObject({ last_order: orders[1] });
  });

  it('keeps the newest order when an older one arrives after it, in the same batch or a later one', async () => {
    // Prepare
    const workflowId = randomUUID();
    const [older, newer, oldest] = [
      aStoredOrder(workflowId, NOW - 20),
      aStoredOrder(workflowId, NOW - 10),
      aStoredOrder(workflowId, NOW - 30),
    ];
    const projector = projectorOf();

    // Act
    await projector(streamEvent([inserted(newer), inserted(older)]));
    await projector(streamEvent([inserted(oldest)]));

    // Assess
    expect(projector.stats()).toMatchObject({
      advanced: 1,
      current: 2,
      // One update for the first batch's workflow; the older order needs none.
      updates: 1,
    });
    expect(await latestOf(workflowId)).toMatchObject({
      last_order: { id: newer.id },
      last_placed_at: NOW - 10,
    });
  });

  it('changes nothing when the same order comes twice', async () => {
    // Prepare
    const workflowId = randomUUID();
    const order = aStoredOrder(workflowId, NOW - 5);
    await projectorOf()(streamEvent([inserted(order)]));
    const before = await latestOf(workflowId);

    // Act: a new container, as after a retry of the batch
    const projector = projectorOf();
    const response = await projector(
      streamEvent([inserted(order), streamRecordOf('MODIFY', order)]),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(await latestOf(workflowId)).toEqual(before);
    expect(projector.stats()).toMatchObject({ advanced: 0, current: 2 });
  });

  it('ignores removals, guard items and latest-order items, its own writes among them', async () => {
    // Prepare
    const workflowId = randomUUID();
    const order = aStoredOrder(workflowId, NOW - 5);
    const guard = {
      ...guardKeyOf(order.id),
      order_workflow_id: workflowId,
      order_placed_at: order.placed_at,
      ttl: order.ttl,
    };
    const latest = {
      ...latestOrderKeyOf(workflowId),
      last_order: order,
      last_placed_at: order.placed_at,
      ttl: order.ttl,
    };
    const projector = projectorOf();

    // Act
    const response = await projector(
      streamEvent([
        streamRecordOf('REMOVE', order),
        inserted(guard),
        streamRecordOf('MODIFY', latest),
      ]),
    );

    // Assess
    expect(projector.stats()).toMatchObject({
      records: 3,
      ignored: 3,
      updates: 0,
    });
    expect(response.batchItemFailures).toEqual([]);
    expect(await latestOf(workflowId)).toBeUndefined();
  });

  it('skips order items it can never project with a warning and a count, and projects the rest', async () => {
    // Prepare
    const workflowId = randomUUID();
    const good = aStoredOrder(workflowId, NOW - 1);
    const malformed = [
      aStoredOrder('not-a-uuid', NOW - 1),
      // milliseconds by mistake: it would stay the latest order for ever
      aStoredOrder(workflowId, Date.now()),
      aStoredOrder(workflowId, NOW - 1, { id: '' }),
      aStoredOrder(workflowId, NOW - 1, { id: 42 }),
    ];
    const noImage = inserted(good);
    delete noImage.dynamodb!.NewImage;
    const log = testLogger();
    const projector = projectorOf({ logger: log });

    // Act
    const response = await projector(
      streamEvent([...malformed.map(inserted), noImage, inserted(good)]),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(await latestOf(workflowId)).toMatchObject({
      last_order: { id: good.id },
    });
    expect(projector.stats()).toMatchObject({ malformed: 5, advanced: 1 });
    expect(log.warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/cannot be projected: workflow_id must be a UUID$/),
      expect.stringMatching(/placed_at must be positive epoch seconds$/),
      expect.stringMatching(/id must be a non-empty string$/),
      expect.stringMatching(/id must be a non-empty string$/),
      expect.stringMatching(
        /has no new image: the stream needs StreamViewType NEW_IMAGE/,
      ),
    ]);
    expect(log.warn.mock.calls[4][1]).toMatchObject({ malformed: 5 });
  });

  it('copies numbers of other writers as numbers, past double precision, and binary as binary', async () => {
    // Prepare: the image as a Python writer's Decimal and bytes arrive
    const workflowId = randomUUID();
    const record = inserted(aStoredOrder(workflowId, NOW - 1));
    const image = record.dynamodb!.NewImage!;
    image.order_price = { N: '7850.2500000000000000000001' };
    image.order_quantity = { N: '10' };
    image.placed_at = { N: String(NOW - 1) };
    image.signature = { B: Buffer.from([1, 2, 3]).toString('base64') };

    // Act
    const response = await projectorOf()(streamEvent([record]));

    // Assess
    expect(response.batchItemFailures).toEqual([]);
    const latest = await latestOf(workflowId);
    expect(latest?.last_order).toMatchObject({
      order_price: 7850.25,
      order_quantity: 10,
      placed_at: NOW - 1,
      signature: Uint8Array.from([1, 2, 3]),
    });
  });

  it('reports the record whose update DynamoDB throttles, keeps the others, and lands it when Lambda retries it', async () => {
    // Prepare: the first request through the proxy is throttled, every later one goes through
    const proxy = await table.startFaultProxy(
      faultNthRequest(1, 'throttle', 'before'),
    );
    const workflowIds = [randomUUID(), randomUUID(), randomUUID()];
    const records = workflowIds.map(id => inserted(aStoredOrder(id, NOW - 1)));
    const log = testLogger();
    const projector = projectorOf({
      clientConfig: { ...proxy.clientConfig, maxAttempts: 1 },
      logger: log,
    });

    // Act
    const response = await projector(streamEvent(records));
    const failed = records.find(
      r =>
        r.dynamodb?.SequenceNumber ===
        response.batchItemFailures[0]?.itemIdentifier,
    )!;
    const retried = await projector(streamEvent([failed]));

    // Assess
    expect(projector.stats()).toMatchObject({
      records: 4,
      advanced: 3,
      failed: 1,
    });
    expect(response.batchItemFailures).toHaveLength(1);
    expect(log.error).toHaveBeenCalledWith(
      expect.stringContaining('(transient, retried by Lambda)'),
      { sequenceNumber: failed.dynamodb?.SequenceNumber },
    );
    expect(retried).toEqual({ batchItemFailures: [] });
    for (const workflowId of workflowIds) {
      expect(await latestOf(workflowId)).toBeDefined();
    }
  });

  it('fails the whole batch while DynamoDB is unreachable, and lands it when Lambda retries it', async () => {
    // Prepare
    const proxy = await table.startFaultProxy(faultEveryRequest('http500'));
    const workflowId = randomUUID();
    const event = streamEvent([
      inserted(aStoredOrder(workflowId, NOW - 2)),
      inserted(aStoredOrder(workflowId, NOW - 1)),
    ]);
    const projector = projectorOf({
      clientConfig: { ...proxy.clientConfig, maxAttempts: 1 },
    });

    // Act
    const outage = await projector(event).catch(error => error);
    proxy.set({ failureRate: 0 });
    const retried = await projector(event);

    // Assess: a batch that failed whole is a function error, which Lambda retries or bisects
    expect(outage).toMatchObject({ name: 'FullBatchFailureError' });
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(await latestOf(workflowId)).toMatchObject({
      last_placed_at: NOW - 1,
    });
  });

  it('does not bring back an expired order as current, as the recorder does not', async () => {
    // Prepare: an order placed 8 days ago, in two workflows without a latest order
    const [projected, recorded] = [randomUUID(), randomUUID()];
    const placedAt = NOW - ORDER_RETENTION_SECONDS - 86_400;
    const expired = aStoredOrder(projected, placedAt);
    const protocol = new OrderWriteProtocol({
      persistence: new OrdersTablePersistence({
        client: table.documents,
        tableName: table.tableName,
      }),
    });
    const current = randomUUID();
    const fresh = aStoredOrder(current, NOW - 60);
    await projectorOf()(streamEvent([inserted(fresh)]));

    // Act
    await projectorOf()(
      streamEvent([
        inserted(expired),
        inserted(aStoredOrder(current, placedAt)),
      ]),
    );
    await protocol.advanceLatestOrder({ ...expired, workflow_id: recorded });

    // Assess: it keeps the order's own expiry, long past, so TTL deletes it and no reader takes it
    // for an order of the last 7 days, like the recorder's latest-order item of the same order; and
    // it never replaces a newer order
    const latest = await latestOf(projected);
    const byRecorder = (await latestOf(recorded)) as TableItem;
    expect(latest).toMatchObject({
      last_placed_at: placedAt,
      ttl: expiryOf(placedAt),
    });
    expect(expiryOf(placedAt)).toBeLessThan(NOW);
    expect(latest).toEqual({
      ...byRecorder,
      workflow_id: projected,
      last_order: {
        ...(byRecorder.last_order as TableItem),
        workflow_id: projected,
      },
    });
    expect(await latestOf(current)).toMatchObject({
      last_order: { id: fresh.id },
    });
  });

  it('checks its options when it is created', () => {
    expect(() => projectorOf({ tableName: ' ' })).toThrow(
      'Expected `tableName` to be a non-empty string, got  ',
    );
    expect(() =>
      createLatestOrderProjector({
        client: table.documents,
        clientConfig: {},
      } as never),
    ).toThrow('Give `client` or `clientConfig`, not both');
  });
});
