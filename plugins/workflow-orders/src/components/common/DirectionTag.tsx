import { Badge } from '@backstage/ui';
import { RiArrowDownLine, RiArrowUpLine } from '@remixicon/react';
import { OrderDirection } from '@workflow-orders/plugin-workflow-orders-common';
import { UNKNOWN } from './format';

const STYLES = {
  BUY: {
    background: 'var(--bui-positive-bg-subdued)',
    color: 'var(--bui-positive-fg-subdued)',
  },
  SELL: {
    background: 'var(--bui-negative-bg-subdued)',
    color: 'var(--bui-negative-fg-subdued)',
  },
} as const;

/**
 * BUY in green, SELL in red, always with the word and an arrow so colour is never the only cue; a
 * dash when the order's writer stored no readable direction. A Backstage UI badge: the tag of a
 * value, not a control.
 */
export function DirectionTag({
  direction,
}: {
  direction: OrderDirection | null;
}) {
  if (direction === null) return <>{UNKNOWN}</>;
  const buy = direction === 'BUY';
  return (
    <Badge
      size="small"
      icon={
        buy ? (
          <RiArrowUpLine size={14} aria-hidden />
        ) : (
          <RiArrowDownLine size={14} aria-hidden />
        )
      }
      style={{ ...STYLES[direction], borderColor: 'transparent' }}
    >
      {direction}
    </Badge>
  );
}
