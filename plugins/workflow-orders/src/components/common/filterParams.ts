import {
  normalizeAssetCode,
  type OrderDirection,
} from '@workflow-orders/plugin-workflow-orders-common';

/*
 * How every screen keeps its filters in the URL, so a link reads the same whichever screen it opens
 * (`?direction=sell&code=DAX.I`) and links made before still work (`?direction=SELL`, `?code=dax.i`).
 */

/** A direction from a URL, in any case; anything else is no direction. */
export function directionFromParam(
  value: string | null | undefined,
): OrderDirection | undefined {
  const upper = value?.trim().toUpperCase();
  return upper === 'BUY' || upper === 'SELL' ? upper : undefined;
}

/** A direction as URLs carry it: `buy` or `sell`. */
export function directionToParam(
  direction: OrderDirection | undefined,
): string | undefined {
  return direction?.toLowerCase();
}

/** An asset code from a URL, or as typed: trimmed and in upper case, as codes are matched. */
export function codeFromParam(
  value: string | null | undefined,
): string | undefined {
  return (value && normalizeAssetCode(value)) || undefined;
}
