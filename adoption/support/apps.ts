/*
 * The README's edits of the app's files (docs/install.md, the snippets marked `<!-- adoption: ... -->`),
 * made as an adopter makes them, each failing with what it could not find; and the config of the run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addFeatures,
  featureNames,
  indent,
  insertBefore,
  mergeImports,
  snippet,
  splitSnippet,
} from './snippets';
import {
  API_TOKEN,
  appDir,
  CREDENTIALS,
  ENDPOINT,
  type Kind,
  PORTS,
  REGION,
  TABLE,
  WORKFLOW,
  writeJson,
} from './settings';

function edit(kind: Kind, file: string, change: (source: string) => string) {
  const path = join(appDir(kind), file);
  if (!existsSync(path)) throw new Error(`${file} is not in the generated app`);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) {
    throw new Error(`the snippet changed nothing in ${file}`);
  }
  writeFileSync(path, after);
}

/** `backend.add(...)` before `backend.start();`. */
export function applyBackendIndex(kind: Kind): void {
  const line = snippet('backend-index').code.trim();
  edit(kind, 'packages/backend/src/index.ts', source => {
    if (!source.includes('backend.start();')) {
      throw new Error(
        'packages/backend/src/index.ts has no `backend.start();`',
      );
    }
    return source.replace('backend.start();', `${line}\n\nbackend.start();`);
  });
}

/** The `workflowOrders:` section at the end of app-config.yaml. */
export function applyAppConfig(kind: Kind): void {
  const yaml = snippet('app-config').code;
  edit(kind, 'app-config.yaml', source => {
    for (const key of yaml.match(/^[\w-]+(?=:)/gm) ?? []) {
      if (new RegExp(`^${key}:`, 'm').test(source)) {
        throw new Error(`app-config.yaml already has a top-level \`${key}:\``);
      }
    }
    return `${source.trimEnd()}\n\n${yaml}\n`;
  });
}

/** The README's workflow entity, as this app's workflow, in examples/entities.yaml. */
export function applyWorkflowEntity(kind: Kind): void {
  const workflow = WORKFLOW[kind];
  const entity = snippet('workflow-entity').code;
  const uuid = /workflow-orders\/workflow-id:\s*(\S+)/.exec(entity)?.[1];
  const name = /^\s+name:\s*(\S+)/m.exec(entity)?.[1];
  if (!uuid || !name) {
    throw new Error(
      'the workflow entity snippet has no name or workflow-orders/workflow-id',
    );
  }
  const ours = entity
    .replace(uuid, workflow.id)
    .replace(`name: ${name}`, `name: ${workflow.name}`)
    .replace(/^(\s+title:).*$/m, `$1 ${workflow.name}`);
  edit(
    kind,
    'examples/entities.yaml',
    source => `${source.trimEnd()}\n---\n${ours}\n`,
  );
}

/** New frontend system: the snippet's features in App.tsx. */
export function applyNewFrontendApp(kind: Kind): void {
  const { code } = snippet('nfs-app');
  const { imports } = splitSnippet(code);
  edit(kind, 'packages/app/src/App.tsx', source =>
    addFeatures(mergeImports(source, imports), featureNames(code)),
  );
}

/** Legacy: the Last order card on the overview and the Orders route of the entity page. */
export function applyLegacyEntityPage(kind: Kind): void {
  const { imports, blocks } = splitSnippet(snippet('legacy-entity-page').code);
  const card = blocks.find(block => block.includes('EntityLastOrderCard'));
  const route = blocks.find(block => block.startsWith('<EntityLayout.Route'));
  if (!card || !route) {
    throw new Error(
      'the legacy EntityPage snippet lacks the card or the Orders route',
    );
  }
  edit(kind, 'packages/app/src/components/catalog/EntityPage.tsx', source => {
    let result = mergeImports(source, imports);
    result = insertBefore(
      result,
      'const overviewContent = (',
      /^ {2}<\/Grid>\n\);/m,
      indent(card, 4),
    );
    return insertBefore(
      result,
      'const defaultEntityPage = (',
      /^ {2}<\/EntityLayout>/m,
      `\n${indent(route, 4)}`,
    );
  });
}

/** Legacy: the Last order column on the /catalog route of App.tsx. */
export function applyLegacyApp(kind: Kind): void {
  const { imports, blocks } = splitSnippet(snippet('legacy-app').code);
  const columns = blocks.find(block =>
    block.includes('CatalogTableColumnsFunc'),
  );
  const route = blocks.find(block => block.startsWith('<Route'));
  if (!columns || !route) {
    throw new Error(
      'the legacy App.tsx snippet lacks the columns or the /catalog route',
    );
  }
  edit(kind, 'packages/app/src/App.tsx', source => {
    const result = insertBefore(
      mergeImports(source, imports),
      'const routes = (',
      /^const routes = \(/m,
      `${columns}\n`,
    );
    const stock =
      /^ *<Route path="\/catalog" element=\{<CatalogIndexPage \/>\} \/>$/m;
    if (!stock.test(result)) {
      throw new Error(
        'App.tsx has no `<Route path="/catalog" element={<CatalogIndexPage />} />`',
      );
    }
    return result.replace(stock, indent(route, 4));
  });
}

/** Legacy: the /workflow-orders route of App.tsx. */
export function applyLegacyAppPage(kind: Kind): void {
  const { imports, blocks } = splitSnippet(snippet('legacy-app-page').code);
  const route = blocks.find(block => block.startsWith('<Route'));
  if (!route) {
    throw new Error('the legacy page snippet lacks the /workflow-orders route');
  }
  edit(kind, 'packages/app/src/App.tsx', source =>
    insertBefore(
      mergeImports(source, imports),
      'const routes = (',
      /^ {2}<\/FlatRoutes>/m,
      indent(route, 4),
    ),
  );
}

/** The `--config` arguments of the app's commands: its own config, then the run's. */
export const CONFIG_ARGS = [
  '--config',
  '../../app-config.yaml',
  '--config',
  '../../app-config.adoption.yaml',
];

/** Config of the test run: ports, the embedded DynamoDB, a static token for polling the catalog. */
export function writeRunConfig(kind: Kind): void {
  const { app, backend } = PORTS[kind];
  // JSON is YAML.
  writeJson(join(appDir(kind), 'app-config.adoption.yaml'), {
    app: { baseUrl: `http://localhost:${app}` },
    backend: {
      baseUrl: `http://localhost:${backend}`,
      listen: { port: backend },
      cors: { origin: `http://localhost:${app}`, credentials: true },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: API_TOKEN, subject: 'adoption-test' },
          },
        ],
      },
    },
    auth: { environment: 'development', providers: { guest: {} } },
    workflowOrders: {
      dynamodb: {
        endpoint: ENDPOINT,
        credentials: CREDENTIALS,
        region: REGION,
        tableName: TABLE,
      },
    },
  });
}
