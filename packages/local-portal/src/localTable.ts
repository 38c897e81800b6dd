import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startChangeFeed,
  startEmbeddedDynamoDb,
  type ChangeFeed,
  type EmbeddedDynamoDb,
} from '@workflow-orders/test-utils';
import { createOrderRecorder } from '@workflow-orders/engine-hook';
import { backfillLatestOrders } from '@workflow-orders/table';
import { readDemoWorkflows } from './demoWorkflows';
import { startLocalProjector } from './localProjector';
import type { OutputTarget } from './processes';
import { seedDemoOrders } from './seed';

/**
 * The portal's table: dynalite with its data in `dataDir`, behind a change feed on the portal's
 * DynamoDB port that gives dynalite the stream it lacks, and the stream projector that stream drives,
 * as on AWS. Every client of the portal writes through the change feed.
 */
export interface LocalTable {
  /** The change feed's endpoint: the portal's DynamoDB. */
  readonly endpoint: string;
  /** Starts dynalite and its change feed (data kept from the last start). */
  start(): Promise<void>;
  /** Records the demo history on the first start of `dataDir`. */
  seedOnce(): Promise<void>;
  /**
   * Gives latest-order items to the orders the projector did not finish with when the portal or its
   * DynamoDB last stopped, or that a table from before the change feed holds, as `table backfill`
   * does for a table that existed before the projector was deployed.
   */
  catchUp(): Promise<void>;
  /** Stops the change feed and dynalite; the data is kept. */
  stop(): Promise<void>;
  /** Stops the projector (a batch cut short is caught up on the next start) and the table. */
  close(): Promise<void>;
}

/** Sets up the portal's table; nothing runs before {@link LocalTable.start}. */
export function createLocalTable(options: {
  dataDir: string;
  port: number;
  output: (name: string) => OutputTarget;
  log: (line: string) => void;
}): LocalTable {
  const { dataDir, log } = options;
  const endpoint = `http://localhost:${options.port}`;
  const projector = startLocalProjector({
    endpoint,
    tableName: 'workflow_orders',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    failureLog: join(dataDir, 'projector-failures.jsonl'),
    output: options.output('projector'),
    log,
  });
  let dynamodb: EmbeddedDynamoDb | undefined;
  let feed: ChangeFeed | undefined;

  const running = () => {
    if (!dynamodb || !feed) throw new Error('the local table is not started');
    return { dynamodb, feed };
  };

  const start = async () => {
    dynamodb = await startEmbeddedDynamoDb({
      path: join(dataDir, 'dynamodb'),
    }).catch(error => {
      // dynalite cannot add an index to a table kept from an older version of the portal.
      if (/did not add the .* index/.test(String(error?.message))) {
        throw new Error(
          `${error.message}. The local table in ${dataDir} is from before that index: delete ` +
            `${join(dataDir, 'dynamodb')} and ${join(dataDir, 'demo-seeded')} to start with a new one`,
          { cause: error },
        );
      }
      throw error;
    });
    feed = await startChangeFeed({
      target: dynamodb.endpoint,
      port: options.port,
      tableName: dynamodb.tableName,
      onError: error => log(`Change feed: ${error.message}`),
    }).catch(async error => {
      await dynamodb?.stop();
      throw error;
    });
    feed.subscribe(records => projector.push(records));
  };

  const stop = async () => {
    await feed?.close();
    feed = undefined;
    await dynamodb?.stop();
    dynamodb = undefined;
  };

  const seedOnce = async () => {
    const seededMarker = join(dataDir, 'demo-seeded');
    if (existsSync(seededMarker)) return;
    const table = running();
    const client = table.dynamodb.createClient({
      endpoint: table.feed.endpoint,
    });
    try {
      const recorder = createOrderRecorder({
        clientConfig: {
          ...table.dynamodb.clientConfig,
          endpoint: table.feed.endpoint,
        },
        executionContext: 'demo-seed',
        stateDirectory: join(dataDir, 'unstored'),
      });
      // The orders written as the original engine wrote them reach the stream projector through the
      // change feed, as on AWS, so they are on the Workflow orders page too.
      const result = await seedDemoOrders({
        recorder,
        putItem: async Item => {
          await client.send(
            new PutItemCommand({ TableName: table.dynamodb.tableName, Item }),
          );
        },
        workflows: readDemoWorkflows(),
      });
      log(
        `Seeded the demo history through the recorder: ${result.recorded} orders recorded` +
          ` (${result.expired} of them older than 7 days), ${result.failed} not recorded;` +
          ` ${result.written} written as the original engine wrote them`,
      );
      writeFileSync(seededMarker, `${new Date().toISOString()}\n`);
    } finally {
      client.destroy();
    }
  };

  const catchUp = async () => {
    const table = running();
    const client = table.dynamodb.createClient({
      endpoint: table.feed.endpoint,
    });
    try {
      const caughtUp = await backfillLatestOrders({
        client,
        tableName: table.dynamodb.tableName,
      });
      log(
        `Caught up the latest-order items: ${caughtUp.workflows} workflows with orders,` +
          ` ${caughtUp.written} items written`,
      );
    } finally {
      client.destroy();
    }
  };

  return {
    endpoint,
    start,
    seedOnce,
    catchUp,
    stop,
    close: async () => {
      // A batch cut short here is not lost: the next start's catch-up reads the table.
      await projector.stop(5_000);
      await stop();
    },
  };
}
