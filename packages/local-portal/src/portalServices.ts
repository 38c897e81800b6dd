import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type OutputTarget, type Service, startService } from './processes';

const ROOT = resolve(__dirname, '../../..');
const BACKSTAGE_CLI = require.resolve('@backstage/cli/bin/backstage-cli');
const NODE_TRANSFORM =
  require.resolve('@backstage/cli/config/nodeTransform.cjs');

/** The portal's loopback ports. */
export type PortalPorts = {
  app: number;
  backend: number;
  dynamodb: number;
};

/** The ports of `npm start`. */
export const DEFAULT_PORTS: PortalPorts = {
  app: 3000,
  backend: 7007,
  dynamodb: 8001,
};

function portsConfig(ports: PortalPorts) {
  return `app:
  baseUrl: http://localhost:${ports.app}
backend:
  baseUrl: http://localhost:${ports.backend}
  listen:
    port: ${ports.backend}
  cors:
    origin: http://localhost:${ports.app}
workflowOrders:
  dynamodb:
    endpoint: http://localhost:${ports.dynamodb}
`;
}

/**
 * The `--config` arguments of the backend and the app: none on the default ports (app-config.yaml
 * is read as it is), else the repo's config and a file in `dataDir` with the other ports.
 */
function configArgs(ports: PortalPorts, dataDir: string): string[] {
  const isDefault =
    ports.app === DEFAULT_PORTS.app &&
    ports.backend === DEFAULT_PORTS.backend &&
    ports.dynamodb === DEFAULT_PORTS.dynamodb;
  if (isDefault) return [];
  const portsFile = join(dataDir, 'app-config.ports.yaml');
  writeFileSync(portsFile, portsConfig(ports));
  return ['--config', join(ROOT, 'app-config.yaml'), '--config', portsFile];
}

/** The Backstage side of the portal, each in a process group of its own. */
export interface PortalServices {
  readonly demoEngine: Service;
  readonly backend: Service;
  readonly app: Service;
}

/**
 * Starts the demo engine, the Backstage backend (watched and restarted on changes, or run once when
 * `watch` is false) and the app's development server.
 */
export function startPortalServices(options: {
  ports: PortalPorts;
  dataDir: string;
  apiToken: string;
  demoIntervalMs?: number;
  watch: boolean;
  output: (name: string) => OutputTarget;
  logLevel: string;
}): PortalServices {
  const { ports } = options;
  const args = configArgs(ports, options.dataDir);
  const env: NodeJS.ProcessEnv = {
    BROWSER: 'none',
    WORKFLOW_ORDERS_API_TOKEN: options.apiToken,
  };
  const demoEngine = startService({
    name: 'demo-engine',
    command: process.execPath,
    args: ['--require', NODE_TRANSFORM, join(__dirname, 'demo-engine.ts')],
    cwd: ROOT,
    env: {
      ...env,
      WORKFLOW_ORDERS_DYNAMODB_ENDPOINT: `http://localhost:${ports.dynamodb}`,
      // Orders the engine could not store (the table stopped) wait with the portal's data, and its
      // next start stores them.
      WORKFLOW_ORDERS_STATE_DIR: join(options.dataDir, 'unstored'),
      ...(options.demoIntervalMs
        ? { WORKFLOW_ORDERS_DEMO_INTERVAL_MS: String(options.demoIntervalMs) }
        : {}),
    },
    output: options.output('demo-engine'),
  });
  const backend = startService({
    name: 'backend',
    command: process.execPath,
    args: options.watch
      ? [BACKSTAGE_CLI, 'package', 'start', ...args]
      : ['--require', NODE_TRANSFORM, 'src/index.ts', ...args],
    cwd: join(ROOT, 'packages/backend'),
    env: { ...env, NODE_ENV: 'development', LOG_LEVEL: options.logLevel },
    output: options.output('backend'),
  });
  const app = startService({
    name: 'app',
    command: process.execPath,
    args: [BACKSTAGE_CLI, 'package', 'start', ...args],
    cwd: join(ROOT, 'packages/app'),
    env,
    output: options.output('app'),
  });
  return { demoEngine, backend, app };
}
