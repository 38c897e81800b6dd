import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startChangeFeed, type ChangeFeed } from '../changeFeed/changeFeed';
import type { EmbeddedDynamoDb } from '../embedded';
import { startFaultProxy, type FaultProxyOptions } from '../faultProxy';
import { openTableStream, type TableStream } from '../tableStream';
import type { Cleanup } from './cleanups';
import type {
  TestClientConfig,
  TestFaultProxy,
  TestTableOptions,
} from './types';

/** What stands in front of a test table, per file or per test: its clients and helpers. */
export interface Setup {
  readonly endpoint: string;
  readonly clientConfig: TestClientConfig;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly proxy?: TestFaultProxy;
  readonly feed?: ChangeFeed;
  readonly stream?: TableStream;
}

/** The options of a helper asked for by `true` or by its options; undefined when not asked for. */
function optionsOf<T extends object>(option: boolean | T | undefined) {
  if (!option) return undefined;
  return option === true ? ({} as T) : option;
}

/** A fault proxy in front of the endpoint of `clientConfig`, closed by `onCleanup`. */
export async function startTestFaultProxy(
  clientConfig: TestClientConfig,
  options: Omit<FaultProxyOptions, 'target'>,
  onCleanup: (cleanup: Cleanup) => void,
): Promise<TestFaultProxy> {
  const proxy = await startFaultProxy({
    ...options,
    target: clientConfig.endpoint,
  });
  onCleanup(() => proxy.close());
  return {
    ...proxy,
    clientConfig: { ...clientConfig, endpoint: proxy.endpoint },
  };
}

/**
 * Starts what `options` ask for in front of `tableName` on `db` (change feed, fault proxy, stream
 * reader) and the clients of the table, each closed by `onCleanup`.
 */
export async function setUpInFront(
  db: EmbeddedDynamoDb,
  tableName: string,
  options: TestTableOptions,
  onCleanup: (cleanup: Cleanup) => void,
): Promise<Setup> {
  const feedOptions = optionsOf(options.changeFeed);
  const feed = feedOptions
    ? await startChangeFeed({ ...feedOptions, target: db.endpoint, tableName })
    : undefined;
  if (feed) onCleanup(() => feed.close());
  const endpoint = feed?.endpoint ?? db.endpoint;
  const clientConfig = { ...db.clientConfig, endpoint, region: db.region };
  const client = new DynamoDBClient(clientConfig);
  onCleanup(() => client.destroy());
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const proxyOptions = optionsOf(options.faultProxy);
  const proxy =
    proxyOptions &&
    (await startTestFaultProxy(clientConfig, proxyOptions, onCleanup));
  const stream = options.stream
    ? await openTableStream(clientConfig, tableName)
    : undefined;
  if (stream) onCleanup(() => stream.stop());
  return { endpoint, clientConfig, client, documents, proxy, feed, stream };
}
