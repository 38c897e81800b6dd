import Chip from '@mui/material/Chip';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { OrderDirection } from '@workflow-orders/plugin-workflow-orders-common';

/** BUY in green, SELL in red, always with the word and an arrow so colour is never the only cue. */
export function DirectionChip({ direction }: { direction: OrderDirection }) {
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
