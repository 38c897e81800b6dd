import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the orders workflows placed: history, details, summaries.
 *
 * @public
 */
export const workflowOrdersReadPermission = createPermission({
  name: 'workflow-orders.order.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the workflow-orders plugins.
 *
 * @public
 */
export const workflowOrdersPermissions = [workflowOrdersReadPermission];
