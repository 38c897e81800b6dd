import type { DailyCount } from '@workflow-orders/plugin-workflow-orders-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Counts placement times (epoch seconds) per UTC day over the last `days` days, oldest first and
 * today last; days without orders count 0 and times outside the days are ignored.
 */
export function countByUtcDay(
  placedAts: readonly number[],
  nowMs: number,
  days: number,
): DailyCount[] {
  const firstDay = Math.floor(nowMs / DAY_MS) - days + 1;
  const counts = Array.from({ length: days }, (_, index) => ({
    date: new Date((firstDay + index) * DAY_MS).toISOString().slice(0, 10),
    count: 0,
  }));
  for (const placedAt of placedAts) {
    const index = Math.floor((placedAt * 1000) / DAY_MS) - firstDay;
    if (index >= 0 && index < days) counts[index].count += 1;
  }
  return counts;
}
