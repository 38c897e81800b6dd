import { Entity } from '@backstage/catalog-model';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';

/** The workflow id an entity names in its annotation, if any. */
export function workflowIdOf(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[WORKFLOW_ID_ANNOTATION]?.trim();
  return value ? value : undefined;
}

/**
 * True when the entity is a trading workflow, that is it carries the
 * `workflow-orders/workflow-id` annotation. The one test behind the tab, the card and the column.
 *
 * @public
 */
export function isWorkflowOrdersAvailable(entity: Entity): boolean {
  return workflowIdOf(entity) !== undefined;
}
