const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "3 minutes ago", "2 days ago", "in 5 days": whole units, rounded toward the time itself, so an
 * order placed 2 days and 20 hours ago still reads "2 days ago".
 */
export function formatRelativeTime(time: Date, now: number): string {
  const elapsed = now - time.getTime();
  const distance = Math.abs(elapsed);
  if (distance < 45_000) return elapsed >= 0 ? 'just now' : 'in a few seconds';
  const sign = elapsed >= 0 ? -1 : 1;
  if (distance < HOUR)
    return relative.format(
      sign * Math.max(1, Math.floor(distance / MINUTE)),
      'minute',
    );
  if (distance < DAY)
    return relative.format(sign * Math.floor(distance / HOUR), 'hour');
  return relative.format(sign * Math.floor(distance / DAY), 'day');
}

/** The exact time in the reader's zone and in UTC, for tooltips. */
export function formatExactTime(time: Date): string {
  const utc = time
    .toISOString()
    .replace('T', ' ')
    .replace(/(\.\d+)?Z$/, ' UTC');
  return `${time.toLocaleString()} (local)\n${utc}`;
}

/** "1 order" / "12 orders". */
export function pluralOrders(count: number): string {
  return `${count} ${count === 1 ? 'order' : 'orders'}`;
}

/** How a field reads when the order's writer did not store it, or stored it unreadably. */
export const UNKNOWN = '—';

/** Prices and quantities as traders read them: grouped, no rounding of what was placed. */
export function formatNumber(value: number | null): string {
  if (value === null) return UNKNOWN;
  return value.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** A text or number field of an order, or {@link UNKNOWN}. */
export function formatField(value: string | number | null): string {
  if (typeof value === 'number') return formatNumber(value);
  return value ?? UNKNOWN;
}

/** "12 ACME @ 101.5", with {@link UNKNOWN} for what the order's writer did not store. */
export function formatOrderLine(order: {
  order_quantity: number | null;
  order_code: string | null;
  order_price: number | null;
}): string {
  return `${formatNumber(order.order_quantity)} ${formatField(order.order_code)} @ ${formatNumber(order.order_price)}`;
}
