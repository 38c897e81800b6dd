import { useCallback } from 'react';
import { useHref, useLocation, useSearchParams } from 'react-router-dom';

/** The search parameter that names the order whose detail is open. */
export const ORDER_PARAM = 'order';

/** The order a tab's URL opens, and a way to open and close one. */
export interface OrderLink {
  /** The id of the order the URL names, if any. */
  orderId?: string;
  /** The page's URL with that order open: the link to paste elsewhere. */
  href?: string;
  open: (order: { id: string }) => void;
  close: () => void;
}

/**
 * The order whose detail is open, kept in the URL (`?order=<id>`) next to the sort and filters, so a
 * pasted link opens it and the back button closes it.
 */
export function useOrderLink(): OrderLink {
  const [params, setParams] = useSearchParams();
  const orderId = params.get(ORDER_PARAM) || undefined;

  const open = useCallback(
    (order: { id: string }) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        next.set(ORDER_PARAM, order.id);
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        next.delete(ORDER_PARAM);
        return next;
      }),
    [setParams],
  );

  const { pathname } = useLocation();
  const linked = new URLSearchParams(params);
  linked.set(ORDER_PARAM, orderId ?? '');
  // The app's own href of the path (with its base path), made absolute to be pasted elsewhere.
  const relative = useHref({ pathname, search: `?${linked}` });
  const href = orderId
    ? new URL(relative, window.location.origin).toString()
    : undefined;
  return { orderId, href, open, close };
}
