import {
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * Builds the client the recorder uses when none is injected. The recorder retries on its own, so
 * the SDK tries once; and the SDK's request timeout only logs a warning unless told to throw.
 */
export function createDocumentClient(
  config: DynamoDBClientConfig | undefined,
  attemptTimeoutMs: number,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: attemptTimeoutMs,
        requestTimeout: attemptTimeoutMs,
        throwOnRequestTimeout: true,
      }),
      ...config,
    }),
  );
}
