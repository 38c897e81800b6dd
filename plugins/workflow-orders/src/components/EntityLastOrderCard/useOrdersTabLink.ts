import { useHref } from 'react-router-dom';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Where the Orders tab is when no route is bound: `orders` next to the overview. */
function useBoundOrdersTab(): string {
  try {
    // useRouteRef calls the same hooks whether or not it then throws, so catching keeps hook order.
    return useRouteRef(rootRouteRef)();
  } catch {
    return 'orders';
  }
}

/**
 * Where the Orders tab of the current entity is, as an absolute path. Apps that mount the tab get
 * its bound route; otherwise the tab is at `orders` next to the overview, where the new frontend
 * system puts it.
 */
export function useOrdersTabLink(): string {
  return useHref(useBoundOrdersTab());
}
