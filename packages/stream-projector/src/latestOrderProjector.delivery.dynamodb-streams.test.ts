import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ORDER_RETENTION_SECONDS } from '@workflow-orders/table';
import {
  aStoredOrder,
  testLogger,
  useTestTable,
  type ChangeRecord,
} from '@workflow-orders/test-utils';
import { randomUUID } from 'node:crypto';
import { streamEvent } from './__testUtils__/lambdaRecords';
import { projectorOn } from './__testUtils__/projector';

// The real stream of AWS DynamoDB Local, read with the Streams API and handed over as Lambda does.
// dynalite implements no streams, so this suite always runs on DynamoDB Local (Java); the unit
// stage leaves it out and the DynamoDB Local stage runs it.

const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

describe('the latest-order projector on a real DynamoDB stream, as Lambda delivers it', () => {
  const table = useTestTable({ engine: 'dynamodb-local', stream: true });
  const { latestOf, put } = table;
  const orderRecordsOf = (records: ChangeRecord[], workflowId: string) =>
    records.filter(
      r =>
        r.dynamodb.NewImage?.workflow_id?.S === workflowId &&
        r.dynamodb.NewImage.placed_at?.N !== '0',
    );

  it('keeps the newest order when an older record is handed after a newer one, and when a record comes twice', async () => {
    // Prepare
    const workflowId = randomUUID();
    const [older, newer] = [
      aStoredOrder(workflowId, secondsAgo(20)),
      aStoredOrder(workflowId, secondsAgo(10)),
    ];
    await put(older);
    await put(newer);
    const [olderRecord, newerRecord] = orderRecordsOf(
      await table.stream.read({ atLeast: 2 }),
      workflowId,
    );

    // Act: separate batches, out of order, each handed again
    const responses = [];
    for (const record of [newerRecord, olderRecord, newerRecord, olderRecord]) {
      responses.push(await projectorOn(table)(streamEvent([record])));
    }

    // Assess
    expect(responses.flatMap(r => r.batchItemFailures)).toEqual([]);
    expect(await latestOf(workflowId)).toMatchObject({
      last_placed_at: newer.placed_at,
      last_order: newer,
    });
  }, 30_000);

  it('does not bring back an expired order as current', async () => {
    // Prepare: a workflow with a current order, and one whose only order is 8 days old
    const [current, expiredOnly] = [randomUUID(), randomUUID()];
    const eightDaysAgo = secondsAgo(ORDER_RETENTION_SECONDS + 86_400);
    const fresh = aStoredOrder(current, secondsAgo(60));
    await put(fresh);
    await projectorOn(table)(
      streamEvent(await table.stream.read({ atLeast: 1 })),
    );
    await table.stream.read({ atLeast: 1 });
    await put(aStoredOrder(current, eightDaysAgo));
    await put(aStoredOrder(expiredOnly, eightDaysAgo));
    const records = await table.stream.read({ atLeast: 2 });

    // Act
    const response = await projectorOn(table)(streamEvent(records));

    // Assess: the expired order keeps its own expiry, long past, as the recorder's step writes it
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await latestOf(current)).toMatchObject({ last_order: fresh });
    const expired = await latestOf(expiredOnly);
    expect(expired?.ttl).toBe(eightDaysAgo + ORDER_RETENTION_SECONDS);
    expect(expired?.ttl).toBeLessThan(secondsAgo(0));
  }, 30_000);

  it('reports a record DynamoDB refuses to project in batchItemFailures, and lands the others of the batch', async () => {
    // Prepare: an order as large as an item may be, whose copy in a latest-order item is too large
    const poisoned = randomUUID();
    const largest = await table.largestItem(
      aStoredOrder(poisoned, secondsAgo(5)),
    );
    const others = [randomUUID(), randomUUID()];
    await put(aStoredOrder(others[0], secondsAgo(5)));
    await put(largest);
    await put(aStoredOrder(others[1], secondsAgo(5)));
    const records = await table.stream.read({ atLeast: 3 });
    const log = testLogger();

    // Act
    const response = await projectorOn(table, { logger: log })(
      streamEvent(records),
    );

    // Assess
    const [poison] = orderRecordsOf(records, poisoned);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber }],
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not make order .* \(not transient\): .*size/i,
      ),
      { sequenceNumber: poison.dynamodb?.SequenceNumber },
    );
    expect(await latestOf(poisoned)).toBeUndefined();
    for (const workflowId of others) {
      expect(await latestOf(workflowId)).toBeDefined();
    }
  }, 60_000);

  it('never moves a latest order backwards when the function crashes mid-batch and Lambda retries', async () => {
    // Prepare: 4 workflows, 3 orders each, written in turn; the stream read as two batches
    const workflowIds = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const newest = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      for (const [index, workflowId] of workflowIds.entries()) {
        const placedAt = secondsAgo(100 - round * 10 - index);
        await put(aStoredOrder(workflowId, placedAt));
        newest.set(workflowId, placedAt);
      }
    }
    const records = await table.stream.read({ atLeast: 12 });
    const [first, second] = [records.slice(0, 6), records.slice(6)];
    const history = new Map<string, number[]>(workflowIds.map(id => [id, []]));
    const snapshot = async () => {
      for (const workflowId of workflowIds) {
        const placedAt = (await latestOf(workflowId))?.last_placed_at;
        history.get(workflowId)!.push(Number(placedAt ?? 0));
      }
    };

    // Act: the second batch's container dies after 2 of its updates; Lambda hands the batch to
    // another container, then, at least once as it delivers, the first batch again
    await projectorOn(table)(streamEvent(first));
    await snapshot();
    const crashing = crashingClient(2);
    void projectorOn(table, { client: crashing.client })(
      streamEvent(second),
    ).catch(() => undefined);
    await crashing.crashed;
    await snapshot();
    const retries = [
      await projectorOn(table)(streamEvent(second)),
      await projectorOn(table)(streamEvent(first)),
    ];
    await snapshot();
    crashing.release();

    // Assess
    expect(retries.flatMap(r => r.batchItemFailures)).toEqual([]);
    for (const [workflowId, placedAts] of history) {
      const sorted = [...placedAts].sort((a, b) => a - b);
      expect(placedAts).toEqual(sorted);
      expect(placedAts.at(-1)).toBe(newest.get(workflowId));
    }
  }, 60_000);

  /** A document client of the table that sends `updates` UpdateItem requests, then hangs. */
  function crashingClient(updates: number) {
    const real = table.documents;
    let sent = 0;
    let crash = () => {};
    const crashed = new Promise<void>(resolve => {
      crash = resolve;
    });
    const hung: Array<(error: Error) => void> = [];
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        if (command.constructor.name === 'UpdateCommand') {
          sent += 1;
          if (sent > updates) {
            crash();
            return new Promise((_, reject) => hung.push(reject));
          }
        }
        return real.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    return {
      client,
      crashed,
      release: () => {
        for (const reject of hung) reject(new Error('the container is gone'));
      },
    };
  }
});
