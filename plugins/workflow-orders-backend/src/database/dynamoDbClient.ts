import {
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import type { Config } from '@backstage/config';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ordersTable } from '@workflow-orders/table';

/** A DynamoDB client made from config, and what the store needs to know about it. */
export interface ConfiguredDynamoDb {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Where the table is, for error messages: the endpoint or the region. */
  readonly location: string;
}

/**
 * Makes the client of `workflowOrders.dynamodb`. Every request has a connection and a request
 * timeout and is retried at most `maxAttempts - 1` times, so an outage fails a request within a few
 * seconds rather than hanging it; keep-alive connections come back by themselves when DynamoDB does.
 */
export async function createDynamoDbClient(
  rootConfig: Config,
): Promise<ConfiguredDynamoDb> {
  const config = rootConfig.getOptionalConfig('workflowOrders.dynamodb');
  const endpoint = config?.getOptionalString('endpoint');
  const region = config?.getOptionalString('region');
  const credentials = config?.getOptionalConfig('credentials');
  const agent = { keepAlive: true, maxSockets: 64 };
  const clientConfig: DynamoDBClientConfig = {
    maxAttempts: config?.getOptionalNumber('maxAttempts') ?? 2,
    requestHandler: new NodeHttpHandler({
      connectionTimeout:
        config?.getOptionalNumber('connectionTimeoutMs') ?? 1000,
      requestTimeout: config?.getOptionalNumber('requestTimeoutMs') ?? 3000,
      throwOnRequestTimeout: true,
      httpAgent: agent,
      httpsAgent: agent,
    }),
    ...(region && { region }),
    ...(endpoint && { endpoint }),
    ...(credentials && {
      credentials: {
        accessKeyId: credentials.getString('accessKeyId'),
        secretAccessKey: credentials.getString('secretAccessKey'),
      },
    }),
  };

  const client = new DynamoDBClient(clientConfig);
  let resolvedRegion: string;
  try {
    resolvedRegion = await client.config.region();
  } catch {
    client.destroy();
    throw new Error(
      'No AWS region for the workflow orders table: set workflowOrders.dynamodb.region or AWS_REGION',
    );
  }
  return {
    client,
    tableName:
      config?.getOptionalString('tableName') ?? ordersTable.defaultName,
    location: endpoint ?? `the ${resolvedRegion} region`,
  };
}
