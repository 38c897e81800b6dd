import { useTheme } from '@mui/material/styles';
import { DailyCount } from '@workflow-orders/plugin-workflow-orders-common';
import { pluralOrders } from '../common';

const WIDTH = 210;
const HEIGHT = 48;
const GAP = 6;

/** A day's label as the reader knows it, from its UTC date. */
function dayLabel(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    timeZone: 'UTC',
  });
}

/**
 * Orders per day of the last 7 days, oldest on the left, as plain SVG bars: small enough for a card
 * and no chart library. Each bar names its day and count for screen readers and on hover.
 */
export function DailyOrdersChart({ days }: { days: DailyCount[] }) {
  const theme = useTheme();
  const max = Math.max(1, ...days.map(day => day.count));
  const barWidth = (WIDTH - GAP * (days.length - 1)) / Math.max(1, days.length);
  const labelHeight = 14;
  const chartHeight = HEIGHT - labelHeight;

  return (
    <svg
      role="img"
      aria-label="Orders per day, last 7 days"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      {days.map((day, index) => {
        const height =
          day.count === 0 ? 1 : Math.max(3, (day.count / max) * chartHeight);
        const x = index * (barWidth + GAP);
        return (
          <g key={day.date} data-testid="daily-orders-bar">
            <title>{`${day.date}: ${pluralOrders(day.count)}`}</title>
            <rect
              x={x}
              y={chartHeight - height}
              width={barWidth}
              height={height}
              rx={2}
              fill={
                day.count === 0
                  ? theme.palette.divider
                  : theme.palette.primary.main
              }
            />
            <text
              x={x + barWidth / 2}
              y={HEIGHT - 2}
              textAnchor="middle"
              fontSize={9}
              fill={theme.palette.text.secondary}
            >
              {dayLabel(day.date)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
