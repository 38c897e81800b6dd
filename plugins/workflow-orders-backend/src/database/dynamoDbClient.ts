import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DynamoDbSettings } from '../config';

/** A DynamoDB client made from config, and where it points, for error messages. */
export interface ConfiguredDynamoDb {
  readonly client: DynamoDBClient;
  /** Where the table is: the endpoint or the region. */
  readonly location: string;
}

/**
 * Makes the client of `workflowOrders.dynamodb`. Every request has a connection and a request
 * timeout and is retried at most `maxAttempts - 1` times, so an outage fails a request within a few
 * seconds rather than hanging it; keep-alive connections come back by themselves when DynamoDB does.
 */
export async function createDynamoDbClient(
  settings: DynamoDbSettings,
): Promise<ConfiguredDynamoDb> {
  const { endpoint, region, credentials } = settings;
  const agent = { keepAlive: true, maxSockets: 64 };
  const client = new DynamoDBClient({
    maxAttempts: settings.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: agent,
      httpsAgent: agent,
    }),
    ...(region && { region }),
    ...(endpoint && { endpoint }),
    ...(credentials && { credentials: { ...credentials } }),
  });

  let resolvedRegion: string;
  try {
    resolvedRegion = await client.config.region();
  } catch {
    client.destroy();
    throw new Error(
      'No AWS region for the workflow orders table: set workflowOrders.dynamodb.region or AWS_REGION',
    );
  }
  return { client, location: endpoint ?? `the ${resolvedRegion} region` };
}
