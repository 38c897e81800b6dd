/**
 * The outage-and-replay run: 10,000 orders recorded while DynamoDB never answers, the process exits,
 * DynamoDB comes back; then the next recorder (command line: its spill file) or `table:replay` (AWS
 * Lambda: its log lines) stores them. Counts each step and the stored orders, which must be the
 * 10,000, each once.
 */
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { replayUnstoredOrders } from '@workflow-orders/table';
import type { EmbeddedDynamoDb, FaultProxy } from '@workflow-orders/test-utils';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrderRecorder } from '../src';
import { spillDirectoryOf } from '../src/keep/stateDirectory';

export const OUTAGE_ORDERS = 10_000;

interface EngineRun {
  readonly result: Record<string, number | boolean>;
  readonly stderr: string;
}

/** Runs a command-line engine recording `OUTAGE_ORDERS` orders of `workflowId`, flushing for 1 s. */
function runEngine(env: NodeJS.ProcessEnv, workflowId: string, quiet: boolean) {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, '..', 'src', 'keep', '__fixtures__', 'recordOrders.ts'),
      workflowId,
      String(OUTAGE_ORDERS),
      '1000',
      '1000',
      ...(quiet ? ['quiet'] : []),
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  return new Promise<EngineRun>((resolve, reject) =>
    child.on('exit', code =>
      code === 0
        ? resolve({ result: JSON.parse(stdout), stderr })
        : reject(new Error(`the engine exited with ${code}: ${stderr}`)),
    ),
  );
}

/** The orders stored in a workflow's partition (its latest-order item, at 0, left out). */
async function storedOrders(
  client: DynamoDBClient,
  tableName: string,
  workflowId: string,
) {
  let count = 0;
  let startKey: QueryCommand['input']['ExclusiveStartKey'];
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'workflow_id = :w AND placed_at > :zero',
        ExpressionAttributeValues: {
          ':w': { S: workflowId },
          ':zero': { N: '0' },
        },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const say = (line: string) => process.stdout.write(`outage: ${line}\n`);

/** Both runs, command line and AWS Lambda; the proxy is black-holed for each outage, then not. */
export async function measureOutage(db: EmbeddedDynamoDb, proxy: FaultProxy) {
  const client = db.createClient();
  const env = {
    AWS_REGION: db.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    WORKFLOW_ORDERS_TABLE: db.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
  };
  try {
    // Command line: the spill file, replayed by the next recorder.
    const stateDirectory = mkdtempSync(
      join(tmpdir(), 'workflow-orders-state-'),
    );
    const cliWorkflow = randomUUID();
    proxy.set({ blackhole: true });
    const cli = await runEngine(
      { ...env, WORKFLOW_ORDERS_STATE_DIR: stateDirectory },
      cliWorkflow,
      true,
    );
    const directory = spillDirectoryOf(stateDirectory, db.tableName);
    const spillBytes = readdirSync(directory).reduce(
      (sum, name) => sum + statSync(join(directory, name)).size,
      0,
    );
    say(
      `command line during the outage: ${JSON.stringify(cli.result)}; spill file ${spillBytes} bytes`,
    );
    proxy.set({ blackhole: false });
    const started = Date.now();
    const recorder = createOrderRecorder({
      clientConfig: db.clientConfig,
      tableName: db.tableName,
      stateDirectory,
      logger: { warn: () => {}, error: () => {} },
    });
    while (recorder.stats().replayed < OUTAGE_ORDERS) {
      if (Date.now() - started > 300_000) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const replayed = await recorder.flush({ timeoutMs: 300_000 });
    const cliStored = await storedOrders(client, db.tableName, cliWorkflow);
    say(
      `next start replayed ${replayed.replayed}: ${replayed.recorded} recorded, ${replayed.duplicates} found, ` +
        `${replayed.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `table holds ${cliStored}; spill files left ${readdirSync(directory).length}`,
    );

    // AWS Lambda: the log, replayed by table:replay.
    const lambdaWorkflow = randomUUID();
    proxy.set({ blackhole: true });
    const lambda = await runEngine(
      {
        ...env,
        WORKFLOW_ORDERS_STATE_DIR: '',
        AWS_LAMBDA_FUNCTION_NAME: 'bench-engine',
      },
      lambdaWorkflow,
      false,
    );
    const lines = lambda.stderr.split('\n');
    say(
      `Lambda during the outage: ${JSON.stringify(lambda.result)}; log ${lines.length} lines, ` +
        `${Buffer.byteLength(lambda.stderr)} bytes`,
    );
    proxy.set({ blackhole: false });
    const first = await replayUnstoredOrders({
      client,
      tableName: db.tableName,
      lines,
    });
    const again = await replayUnstoredOrders({
      client,
      tableName: db.tableName,
      lines,
    });
    const lambdaStored = await storedOrders(
      client,
      db.tableName,
      lambdaWorkflow,
    );
    say(
      `table:replay: stored ${first.stored}, present ${first.alreadyPresent}, invalid ${first.invalid}, ` +
        `other lines ${first.foreign}; again: stored ${again.stored}, present ${again.alreadyPresent}; ` +
        `table holds ${lambdaStored}`,
    );

    return {
      cliStored: replayed.recorded === OUTAGE_ORDERS ? cliStored : -1,
      lambdaStored: again.alreadyPresent === OUTAGE_ORDERS ? lambdaStored : -1,
      heapAddedMb: Math.max(
        Number(cli.result.heapAddedMb),
        Number(lambda.result.heapAddedMb),
      ),
      spillMb: spillBytes / 2 ** 20,
    };
  } finally {
    client.destroy();
  }
}
