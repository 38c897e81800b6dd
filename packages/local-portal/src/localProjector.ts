import {
  createEventSourceMapping,
  type ChangeRecord,
  type EventSourceMappingOptions,
  type EventSourceMappingStats,
  type StreamBatchResponse,
} from '@workflow-orders/test-utils';
import { appendFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { OutputTarget } from './processes';

const NODE_TRANSFORM =
  require.resolve('@backstage/cli/config/nodeTransform.cjs');
const WORKER = join(__dirname, 'projectorWorker.ts');

/** How long one invocation may take, as a Lambda function's timeout. */
const INVOCATION_TIMEOUT_MS = 30_000;

/** Options of {@link startLocalProjector}. */
export interface LocalProjectorOptions {
  /** The endpoint the function writes latest-order items to: the change feed's. */
  readonly endpoint: string;
  readonly tableName: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** The on-failure destination: a file of JSON lines, one per batch given up. */
  readonly failureLog: string;
  /** Where the function's own log lines go. */
  readonly output: OutputTarget;
  /** Receives the portal's lines about the projector. */
  readonly log: (line: string) => void;
  /** Settings of the event source mapping; the portal's defaults otherwise. */
  readonly mapping?: Omit<EventSourceMappingOptions, 'handler' | 'onFailure'>;
}

/** The stream projector running locally, fed by the change feed. */
export interface LocalProjector {
  /** Takes the records of the change feed. */
  push(records: ChangeRecord[]): void;
  /** Resolves once every record pushed so far was handled or given up. */
  idle(): Promise<void>;
  stats(): EventSourceMappingStats;
  /** Lets the batches in hand finish (up to `graceMs`), then stops the function. */
  stop(graceMs?: number): Promise<void>;
}

function pipeOutput(stream: Readable, output: OutputTarget) {
  if (output.kind === 'file') {
    stream.pipe(createWriteStream(output.path, { flags: 'a' }));
    return;
  }
  createInterface({ input: stream }).on('line', line =>
    process.stdout.write(`[projector] ${line}\n`),
  );
}

/**
 * Starts the production stream projector (the `handler` of @workflow-orders/stream-projector, as
 * Lambda runs it) in a worker thread whose environment configures it, behind an event source
 * mapping as Lambda's: batches of up to 100 records gathered for up to 50 ms, a batch that fails
 * retried 3 times from its first failed record, then written to `failureLog`; each workflow has a
 * shard of its own, so one that keeps failing holds up no other.
 */
export function startLocalProjector(
  options: LocalProjectorOptions,
): LocalProjector {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    {
      resolve: (response: StreamBatchResponse) => void;
      reject: (error: Error) => void;
    }
  >();

  const startWorker = () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WORKFLOW_ORDERS_TABLE: options.tableName,
      AWS_REGION: options.region,
      AWS_ENDPOINT_URL_DYNAMODB: options.endpoint,
      AWS_ACCESS_KEY_ID: options.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: options.credentials.secretAccessKey,
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    const started = new Worker(
      `require(${JSON.stringify(NODE_TRANSFORM)}); require(${JSON.stringify(WORKER)});`,
      { eval: true, env, stdout: true, stderr: true },
    );
    pipeOutput(started.stdout, options.output);
    pipeOutput(started.stderr, options.output);
    started.on('message', ({ id, response, error }) => {
      const call = pending.get(id);
      pending.delete(id);
      if (error !== undefined) call?.reject(new Error(error));
      else call?.resolve(response);
    });
    // A container that dies takes its invocations with it; the next one starts a new container.
    const lost = (reason: string) => {
      if (worker === started) worker = undefined;
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new Error(`The projector's container ${reason}`));
      }
    };
    started.on('error', error => lost(`failed: ${error.message}`));
    started.on('exit', code => lost(`exited with code ${code}`));
    started.unref();
    return started;
  };

  const invoke = (event: { Records: ChangeRecord[] }) =>
    new Promise<StreamBatchResponse>((resolve, reject) => {
      worker ??= startWorker();
      const id = (nextId += 1);
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Task timed out after ${INVOCATION_TIMEOUT_MS} ms`));
      }, INVOCATION_TIMEOUT_MS).unref();
      pending.set(id, {
        resolve: response => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: error => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage({ id, event });
    });

  const mapping = createEventSourceMapping({
    batchSize: 100,
    maximumBatchingWindowMs: 50,
    maximumRetryAttempts: 3,
    retryDelayMs: 200,
    ...options.mapping,
    handler: invoke,
    onFailure: failure => {
      appendFileSync(options.failureLog, `${JSON.stringify(failure)}\n`);
      const keys = failure.records.map(r => JSON.stringify(r.dynamodb.Keys));
      options.log(
        `Stream projector: gave up ${failure.records.length} record(s) after ` +
          `${failure.requestContext.approximateInvokeCount} attempts (${failure.responseContext.functionError}): ` +
          `${keys.join(', ')}; written to ${options.failureLog}`,
      );
    },
  });

  return {
    push: records => mapping.push(records),
    idle: () => mapping.idle(),
    stats: () => mapping.stats(),
    async stop(graceMs) {
      await mapping.stop(graceMs);
      await worker?.terminate();
      worker = undefined;
    },
  };
}
