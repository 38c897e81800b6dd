import Chip from '@mui/material/Chip';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { OrderDirection } from '@workflow-orders/plugin-workflow-orders-common';
import { UNKNOWN } from './format';

/**
 * BUY in green, SELL in red, always with the word and an arrow so colour is never the only cue; a
 * dash when the order's writer stored no readable direction.
 */
export function DirectionChip({
  direction,
}: {
  direction: OrderDirection | null;
}) {
  if (direction === null) return <>{UNKNOWN}</>;
  const buy = direction === 'BUY';
  return (
    <Chip
      size="small"
      label={direction}
      color={buy ? 'success' : 'error'}
      icon={buy ? <ArrowUpwardIcon /> : <ArrowDownwardIcon />}
    />
  );
}
