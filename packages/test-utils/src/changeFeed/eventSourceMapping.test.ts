import {
  createEventSourceMapping,
  type EventSourceMappingOptions,
  type OnFailureRecord,
  type StreamBatchHandler,
} from './eventSourceMapping';
import { canonicalNumber, StreamRecordFactory } from './streamRecords';

const factory = new StreamRecordFactory({
  region: 'us-east-1',
  streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/now',
  viewType: 'NEW_IMAGE',
});

/** `count` INSERT records of `workflowId`, placed at 1, 2, … */
const recordsOf = (workflowId: string, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const key = {
      workflow_id: { S: workflowId },
      placed_at: { N: String(index + 1) },
    };
    return factory.recordOf({ key, newImage: key })!;
  });

const placedAts = (event: Parameters<StreamBatchHandler>[0]) =>
  event.Records.map(r => Number(r.dynamodb.Keys.placed_at.N));

/** A mapping whose function notes the `placed_at` of each batch it gets, then answers as `answer` does. */
function recordingMapping(
  options: Omit<EventSourceMappingOptions, 'handler'>,
  answer: StreamBatchHandler = async () => undefined,
) {
  const batches: number[][] = [];
  const mapping = createEventSourceMapping({
    ...options,
    handler: async event => {
      batches.push(placedAts(event));
      return answer(event);
    },
  });
  return { batches, mapping };
}

describe('createEventSourceMapping', () => {
  it('hands records over in order, in batches of at most batchSize', async () => {
    // Prepare
    const { batches, mapping } = recordingMapping({ batchSize: 4 });

    // Act
    mapping.push(recordsOf('a', 10));
    await mapping.idle();

    // Assess
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(mapping.stats()).toMatchObject({ invocations: 3, delivered: 10 });
  });

  it('gathers records pushed within the batching window into one batch', async () => {
    // Prepare
    const { batches, mapping } = recordingMapping({
      maximumBatchingWindowMs: 100,
    });
    const [first, second] = recordsOf('a', 2);

    // Act
    mapping.push([first]);
    await new Promise(resolve => setTimeout(resolve, 20));
    mapping.push([second]);
    await mapping.idle();

    // Assess
    expect(batches).toEqual([[1, 2]]);
  });

  it('retries from the first record in batchItemFailures, keeping the records before it', async () => {
    // Prepare: record 3 fails once
    let failed = false;
    const { batches, mapping } = recordingMapping(
      { retryDelayMs: 1 },
      async event => {
        const third = event.Records.find(
          r => r.dynamodb.Keys.placed_at.N === '3',
        );
        if (!third || failed) return { batchItemFailures: [] };
        failed = true;
        return {
          batchItemFailures: [
            { itemIdentifier: third.dynamodb.SequenceNumber },
          ],
        };
      },
    );

    // Act
    mapping.push(recordsOf('a', 5));
    await mapping.idle();

    // Assess
    expect(batches).toEqual([
      [1, 2, 3, 4, 5],
      [3, 4, 5],
    ]);
    expect(mapping.stats()).toMatchObject({ delivered: 5, retries: 1 });
  });

  it('retries a batch that throws, then sends it to the on-failure destination and goes on', async () => {
    // Prepare
    const failures: OnFailureRecord[] = [];
    let calls = 0;
    const mapping = createEventSourceMapping({
      maximumRetryAttempts: 2,
      retryDelayMs: 1,
      handler: async () => {
        calls += 1;
        throw new Error('the function failed');
      },
      onFailure: failure => failures.push(failure),
    });

    // Act
    mapping.push(recordsOf('a', 2));
    await mapping.idle();

    // Assess
    expect(calls).toBe(3);
    expect(failures).toEqual([
      expect.objectContaining({
        requestContext: {
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 3,
        },
        responseContext: { functionError: 'the function failed' },
        DDBStreamBatchInfo: expect.objectContaining({ batchSize: 2 }),
      }),
    ]);
    expect(mapping.stats()).toMatchObject({
      failedBatches: 1,
      failedRecords: 2,
      pending: 0,
    });
  });

  it('treats an identifier not of the batch as a failure of the whole batch', async () => {
    // Prepare
    const { batches, mapping } = recordingMapping(
      { maximumRetryAttempts: 1, retryDelayMs: 1 },
      async () => ({ batchItemFailures: [{ itemIdentifier: '' }] }),
    );

    // Act
    mapping.push(recordsOf('a', 2));
    await mapping.idle();

    // Assess
    expect(batches).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('never holds up a workflow while another one fails and is retried', async () => {
    // Prepare
    const delivered: string[] = [];
    const mapping = createEventSourceMapping({
      maximumRetryAttempts: 3,
      retryDelayMs: 200,
      handler: async event => {
        const workflowId = event.Records[0].dynamodb.Keys.workflow_id.S!;
        if (workflowId === 'failing') throw new Error('poisoned');
        delivered.push(workflowId);
      },
    });

    // Act
    mapping.push(recordsOf('failing', 1));
    mapping.push(recordsOf('healthy', 1));
    await new Promise(resolve => setTimeout(resolve, 50));

    // Assess: delivered long before the failing one's retries are over
    expect(delivered).toEqual(['healthy']);
    await mapping.stop(0);
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['18000.50', '18000.5'],
    ['1E2', '100'],
    ['0.10', '0.1'],
    ['-0', '0'],
    ['007', '7'],
    ['1.5e-3', '0.0015'],
    ['17990.2500000000000000000001', '17990.2500000000000000000001'],
    ['-12.340', '-12.34'],
  ])('stores %s as %s, as DynamoDB does', (text, stored) => {
    expect(canonicalNumber(text)).toBe(stored);
  });
});
