import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the orders of a workflow (history, details, last orders), decided on the catalog entity
 * that carries the workflow's id. A permission policy decides it with the catalog's own rules
 * (`isEntityOwner`, `hasAnnotation`, ...), and conditional decisions work.
 *
 * @public
 */
export const workflowOrdersReadPermission = createPermission({
  name: 'workflow-orders.order.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Reading the orders of a workflow that no catalog entity carries, such as one deleted from the
 * catalog whose orders are still kept: for operations staff.
 *
 * @public
 */
export const workflowOrdersReadUnlinkedPermission = createPermission({
  name: 'workflow-orders.order.read-unlinked',
  attributes: { action: 'read' },
});

/**
 * Every permission of the workflow-orders plugins.
 *
 * @public
 */
export const workflowOrdersPermissions = [
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
];
