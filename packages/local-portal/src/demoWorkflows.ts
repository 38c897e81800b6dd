import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';

/** The demo catalog folder of the repository. */
export const DEMO_CATALOG_DIR = resolve(__dirname, '../../../catalog');

/** A workflow of the demo catalog: its entity name and title, and the UUID the engine knows it by. */
export interface DemoWorkflow {
  readonly name: string;
  readonly title: string;
  readonly workflowId: string;
}

interface CatalogDocument {
  kind?: string;
  metadata?: {
    name?: string;
    title?: string;
    annotations?: Record<string, string>;
  };
}

/**
 * Reads the workflows of the demo catalog, so the catalog file stays the one place where a workflow's
 * UUID is written down.
 */
export function readDemoWorkflows(
  catalogDir: string = DEMO_CATALOG_DIR,
): DemoWorkflow[] {
  const workflows: DemoWorkflow[] = [];
  for (const file of readdirSync(catalogDir)
    .filter(f => f.endsWith('.yaml'))
    .sort()) {
    for (const document of parseAllDocuments(
      readFileSync(join(catalogDir, file), 'utf8'),
    )) {
      const entity = document.toJSON() as CatalogDocument | null;
      const workflowId =
        entity?.metadata?.annotations?.[WORKFLOW_ID_ANNOTATION];
      if (entity?.kind !== 'Component' || !entity.metadata?.name || !workflowId)
        continue;
      workflows.push({
        name: entity.metadata.name,
        title: entity.metadata.title ?? entity.metadata.name,
        workflowId,
      });
    }
  }
  return workflows;
}

/** The demo workflow named `name`; throws when the catalog has none, so a renamed entity is caught. */
export function demoWorkflow(
  workflows: readonly DemoWorkflow[],
  name: string,
): DemoWorkflow {
  const workflow = workflows.find(w => w.name === name);
  if (!workflow) {
    throw new Error(`The demo catalog has no workflow named "${name}"`);
  }
  return workflow;
}

/** The workflows the demo engine keeps trading, with the instrument and a price to wander around. */
export const LIVE_WORKFLOWS = [
  {
    name: 'eurusd-scalper',
    code: 'EURUSD',
    price: 1.085,
    quantity: 10000,
    decimals: 4,
  },
  {
    name: 'btc-range-trader',
    code: 'BTCUSD',
    price: 67250,
    quantity: 0.1,
    decimals: 1,
  },
  {
    name: 'brent-swing',
    code: 'BRENT',
    price: 82.4,
    quantity: 50,
    decimals: 2,
  },
] as const;
