import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  coreServices,
  createServiceFactory,
  type BackendFeature,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DynamoDbProcess } from '@workflow-orders/test-utils';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { workflowOrdersPlugin } from '../../src/plugin';
import { workflowEntity } from '../../src/__testUtils__/access';

/** The credentials of the benchmark's DynamoDB, which checks none. */
export const LOCAL_CREDENTIALS = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
};

/** A DynamoDB client of the benchmark's DynamoDB at `endpoint` (itself, or its fault proxy). */
export function localClient(db: DynamoDbProcess, endpoint: string) {
  return new DynamoDBClient({
    endpoint,
    region: db.region,
    credentials: LOCAL_CREDENTIALS,
  });
}

/** One catalog entity per workflow, `workflow-<index>`, as the catalog holds a workflow. */
export const workflowEntities = (workflowIds: readonly string[]) =>
  workflowIds.map((workflowId, index) =>
    workflowEntity(`workflow-${index}`, workflowId),
  );

/** `value`, `latencyMs` later: a round trip to another service (none for 0). */
const delayed = <T>(value: T, latencyMs: number) =>
  latencyMs > 0
    ? new Promise<T>(resolve => setTimeout(() => resolve(value), latencyMs))
    : Promise.resolve(value);

/**
 * A catalog of `entities` a round trip of `latencyMs` away. Its answers come from the in-memory
 * catalog of the test utilities, computed once per distinct query (the entities do not change
 * during a bench): that catalog searches every entity on every query, which would put the
 * catalog's own work on the plugin's processor. Here the round trip stands for it.
 */
export function remoteCatalog(
  entities: ReturnType<typeof workflowEntities>,
  latencyMs: number,
) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });
      const query = catalog.queryEntities.bind(catalog);
      const answers = new Map<string, ReturnType<typeof query>>();
      catalog.queryEntities = async (request, options) => {
        const key = JSON.stringify(request ?? {});
        let answer = answers.get(key);
        if (!answer) {
          answer = query(request, options);
          answers.set(key, answer);
        }
        return delayed(structuredClone(await answer), latencyMs);
      };
      return catalog;
    },
  });
}

/**
 * A permission policy a round trip of `latencyMs` away that allows everything, or with `visible`
 * only those entities (and no workflow that no entity carries).
 */
export function remotePolicy(latencyMs: number, visible?: ReadonlySet<string>) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      authorize: async requests =>
        delayed(
          requests.map(request => ({
            result:
              !visible ||
              ('resourceRef' in request &&
                visible.has(String(request.resourceRef)))
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
          latencyMs,
        ),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }),
  });
}

/**
 * Calls an API at `base` over keep-alive connections: a GET of `path`, or a POST of `body` as JSON,
 * answering the response's text, or throwing for a status other than 2xx. node:http rather than
 * fetch: the benchmark's clients stand for browsers on other machines, and fetch spends about
 * twice the processor per request in the process being measured.
 */
export function httpClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const request = (
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    new Promise<string>((resolve, reject) => {
      const payload =
        options.body === undefined ? undefined : JSON.stringify(options.body);
      const headers: Record<string, string | number> = { ...options.headers };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const sent = http.request(
        `${base}${path}`,
        { agent, method: payload ? 'POST' : 'GET', headers },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(text);
            else reject(new Error(`${path} answered ${status}: ${text}`));
          });
        },
      );
      sent.on('error', reject);
      sent.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

/** A running backend of the benchmark and the one way the benchmark calls its API. */
export interface BenchBackend {
  /** GETs `path` of the API, or POSTs `body` as JSON to it; the answer's text, or throws. */
  call(path: string, body?: unknown): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the plugin reading `tableName` through the fault proxy of `db`, with the production
 * timeouts and retries (not the short ones of the tests), `summaries` settings if given, and the
 * catalog and permissions of `access`.
 */
export async function startBenchBackend(options: {
  db: DynamoDbProcess;
  tableName: string;
  summaries?: object;
  access: BackendFeature[];
}): Promise<BenchBackend> {
  const { db, tableName, summaries, access } = options;
  const backend = await startTestBackend({
    features: [
      workflowOrdersPlugin,
      ...access,
      mockServices.rootConfig.factory({
        data: {
          workflowOrders: {
            dynamodb: {
              endpoint: db.proxyEndpoint,
              tableName,
              region: db.region,
              credentials: LOCAL_CREDENTIALS,
            },
            ...(summaries ? { summaries } : {}),
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/workflow-orders`;
  const client = httpClient(base);
  return {
    call: (path, body) => client.request(path, { body }),
    async stop() {
      client.close();
      await backend.stop();
    },
  };
}
