import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { workflowOrdersReadPermission } from '@workflow-orders/plugin-workflow-orders-common';

/** Whether the signed-in user may read the orders of an entity's workflow. */
export type OrdersPermission = 'loading' | 'allowed' | 'denied';

/**
 * Asks the permission framework whether the user may read the orders of `entity`'s workflow
 * (`workflow-orders.order.read` on the entity). A check that fails is not a denial: the page then
 * asks the backend, which decides again and answers 404 when the user may not see the workflow.
 */
export function useOrdersPermission(entity: Entity): OrdersPermission {
  const { loading, allowed, error } = usePermission({
    permission: workflowOrdersReadPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  if (loading) return 'loading';
  return allowed || error ? 'allowed' : 'denied';
}
