import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  anOrder,
  faultNthRequest,
  useTestTable,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { isTransientDynamoDbError } from '../dynamoDbErrors';
import { OrdersTablePersistence } from './OrdersTablePersistence';
import type { OrderToWrite } from './items';
import { OrderWriteProtocol } from './OrderWriteProtocol';
import type { RequestRunner } from './RequestRunner';

const PLACED_AT = 1_763_769_600.5;

/** An order item as the recorder makes it, of a new workflow. */
const anItem = (overrides: Partial<OrderToWrite> = {}): OrderToWrite => ({
  ...anOrder(),
  id: randomUUID(),
  placed_at: PLACED_AT,
  ...overrides,
});

/** Tries a request again once after a transient failure, which may have reached DynamoDB. */
const retryOnce: RequestRunner = async attempt => {
  try {
    return { value: await attempt(undefined), uncertain: false };
  } catch (error) {
    if (!isTransientDynamoDbError(error)) throw error;
    return { value: await attempt(undefined), uncertain: true };
  }
};

describe('OrderWriteProtocol', () => {
  const table = useTestTable();
  let persistence: OrdersTablePersistence;
  const newProtocol = () => new OrderWriteProtocol({ persistence });

  beforeAll(() => {
    persistence = new OrdersTablePersistence({
      client: table.documents,
      tableName: table.tableName,
    });
  });

  describe('claimOrderId', () => {
    it('claims a new order id at the key the order asks for', async () => {
      // Prepare
      const order = anItem();

      // Act
      const claim = await newProtocol().claimOrderId(order);

      // Assess
      expect(claim).toEqual({
        outcome: 'claimed',
        key: { workflowId: order.workflow_id, placedAt: PLACED_AT },
      });
      expect(await persistence.getGuard(order.id)).toEqual(claim.key);
    });

    it('finds an order id claimed already and keeps its first key', async () => {
      // Prepare
      const order = anItem();
      await newProtocol().claimOrderId(order);

      // Act: a re-run of the engine whose clock moved on
      const claim = await newProtocol().claimOrderId({
        ...order,
        placed_at: PLACED_AT + 60,
      });

      // Assess
      expect(claim).toEqual({
        outcome: 'alreadyClaimed',
        key: { workflowId: order.workflow_id, placedAt: PLACED_AT },
      });
    });
  });

  describe('putOrderRecord', () => {
    it('stores a new order at its key, expiring seven days later', async () => {
      // Prepare
      const order = anItem();
      const protocol = newProtocol();
      const { key } = await protocol.claimOrderId(order);

      // Act
      const put = await protocol.putOrderRecord(order, key);

      // Assess
      expect(put).toEqual({
        outcome: 'stored',
        record: { ...order, ttl: Math.floor(PLACED_AT) + 604_800 },
      });
      expect(await persistence.getOrderAt(key)).toEqual(
        put.outcome === 'stored' && put.record,
      );
    });

    it('finds an order stored already as a duplicate', async () => {
      // Prepare
      const order = anItem();
      const protocol = newProtocol();
      const { key } = await protocol.claimOrderId(order);
      await protocol.putOrderRecord(order, key);

      // Act
      const put = await protocol.putOrderRecord(order, key);

      // Assess
      expect(put).toMatchObject({ outcome: 'duplicate', record: order });
    });

    it('moves an order off an instant another order holds, past the orders of that millisecond', async () => {
      // Prepare: two orders of the workflow in the same millisecond, then a third at the first instant
      const workflowId = randomUUID();
      const protocol = newProtocol();
      for (const placedAt of [PLACED_AT, PLACED_AT + 0.0004]) {
        const other = anItem({ workflow_id: workflowId, placed_at: placedAt });
        const { key } = await protocol.claimOrderId(other);
        await protocol.putOrderRecord(other, key);
      }
      const order = anItem({ workflow_id: workflowId });
      const { key } = await protocol.claimOrderId(order);

      // Act
      const put = await protocol.putOrderRecord(order, key);

      // Assess
      expect(put).toMatchObject({
        outcome: 'stored',
        record: { id: order.id, placed_at: PLACED_AT + 0.000401 },
      });
      expect(await persistence.getGuard(order.id)).toEqual({
        workflowId,
        placedAt: PLACED_AT + 0.000401,
      });
    });

    it('counts an order as stored when the answer to its put was lost and the put tried again', async () => {
      // Prepare: the put is applied, then answered with a 500
      const proxy = await table.startFaultProxy(
        faultNthRequest(1, 'http500', 'after'),
      );
      const lossy = new OrdersTablePersistence({
        client: DynamoDBDocumentClient.from(
          table.createClient({ ...proxy.clientConfig, maxAttempts: 1 }),
        ),
        tableName: table.tableName,
      });
      const order = anItem();
      const key = { workflowId: order.workflow_id, placedAt: PLACED_AT };

      // Act
      const put = await new OrderWriteProtocol({
        persistence: lossy,
      }).putOrderRecord(order, key, retryOnce);

      // Assess
      expect(proxy.stats().injected.http500).toBe(1);
      expect(put).toMatchObject({ outcome: 'stored', record: order });
    });

    it('gives up when every round loses the race for a free instant', async () => {
      // Prepare
      const workflowId = randomUUID();
      const taken = anItem({ workflow_id: workflowId });
      await persistence.putOrderIfAbsent(taken);
      const order = anItem({ workflow_id: workflowId });
      const protocol = new OrderWriteProtocol({ persistence, maxRounds: 1 });
      const { key } = await protocol.claimOrderId(order);

      // Act
      const put = await protocol.putOrderRecord(order, key);

      // Assess
      expect(put).toEqual({ outcome: 'noFreeInstant', rounds: 1 });
    });
  });

  describe('advanceLatestOrder', () => {
    it('makes a newer order the latest and leaves an older one current', async () => {
      // Prepare
      const workflowId = randomUUID();
      const older = anItem({ workflow_id: workflowId });
      const newer = anItem({
        workflow_id: workflowId,
        placed_at: PLACED_AT + 1,
      });

      // Act
      const first = await newProtocol().advanceLatestOrder(older);
      const second = await newProtocol().advanceLatestOrder(newer);
      const third = await newProtocol().advanceLatestOrder(older);

      // Assess
      expect([first, second, third]).toEqual([
        { outcome: 'advanced' },
        { outcome: 'advanced' },
        { outcome: 'current' },
      ]);
      const latest = await persistence.readLatestOrders([workflowId]);
      expect(latest.get(workflowId)).toMatchObject({
        last_placed_at: PLACED_AT + 1,
        last_order: { id: newer.id },
      });
    });

    it('leaves the latest order current without a request once it advanced past an older order', async () => {
      // Prepare
      const workflowId = randomUUID();
      const protocol = newProtocol();
      await protocol.advanceLatestOrder(
        anItem({ workflow_id: workflowId, placed_at: PLACED_AT + 1 }),
      );
      const send = jest.fn<
        ReturnType<RequestRunner>,
        Parameters<RequestRunner>
      >();

      // Act
      const advance = await protocol.advanceLatestOrder(
        anItem({ workflow_id: workflowId }),
        send as unknown as RequestRunner,
      );

      // Assess
      expect(advance).toEqual({ outcome: 'current' });
      expect(send).not.toHaveBeenCalled();
    });
  });
});
