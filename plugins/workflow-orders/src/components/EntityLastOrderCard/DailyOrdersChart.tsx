import { useId } from 'react';
import { DailyCount } from '@workflow-orders/plugin-workflow-orders-common';
import { pluralOrders } from '../common';

const WIDTH = 210;
const HEIGHT = 48;
const GAP = 6;
const LABEL_HEIGHT = 14;

/** A day's short name, from its UTC date. */
function dayLabel(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    timeZone: 'UTC',
  });
}

/** "Mon 3 orders, Tue 0 orders, …": what the chart shows, for its description. */
function describe(days: DailyCount[]): string {
  return days
    .map(day => `${dayLabel(day.date)} ${day.date}: ${pluralOrders(day.count)}`)
    .join(', ');
}

/**
 * Orders per day of the last 7 days, oldest on the left, as plain SVG bars in Backstage UI colours,
 * so they follow the light and the dark theme. The chart is one image named "Orders per day, last
 * 7 days" and described by every day's count; each bar also names its day and count on hover.
 */
export function DailyOrdersChart({ days }: { days: DailyCount[] }) {
  const titleId = useId();
  const descId = useId();
  const max = Math.max(1, ...days.map(day => day.count));
  const barWidth = (WIDTH - GAP * (days.length - 1)) / Math.max(1, days.length);
  const chartHeight = HEIGHT - LABEL_HEIGHT;

  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
    >
      <title id={titleId}>Orders per day, last 7 days</title>
      <desc id={descId}>{describe(days)}</desc>
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
              style={{
                fill:
                  day.count === 0
                    ? 'var(--bui-border-2, #8a8a8a)'
                    : 'var(--bui-accent-bg, #1f5493)',
              }}
            />
            <text
              x={x + barWidth / 2}
              y={HEIGHT - 2}
              textAnchor="middle"
              fontSize={9}
              style={{ fill: 'var(--bui-fg-primary, #000)' }}
            >
              {dayLabel(day.date)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
