import { ResponseError } from '@backstage/errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormats = {
  long: new Intl.RelativeTimeFormat('en', { numeric: 'always' }),
  narrow: new Intl.RelativeTimeFormat('en', {
    numeric: 'always',
    style: 'narrow',
  }),
};

/** How long a relative time reads: "54 minutes ago", or "54m ago" where room is short. */
export type RelativeTimeStyle = keyof typeof relativeFormats;

/**
 * "3 minutes ago", "2 days ago", "in 5 days" ("3m ago" in the `narrow` style): whole units, rounded
 * toward the time itself, so an order placed 2 days and 20 hours ago still reads "2 days ago".
 */
export function formatRelativeTime(
  time: Date,
  now: number,
  style: RelativeTimeStyle = 'long',
): string {
  const relative = relativeFormats[style];
  const elapsed = now - time.getTime();
  const distance = Math.abs(elapsed);
  if (distance < 45_000) {
    if (style === 'narrow') return elapsed >= 0 ? 'now' : 'in <1m';
    return elapsed >= 0 ? 'just now' : 'in a few seconds';
  }
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

/** The reader's time zone as the browser knows it, such as "Europe/Berlin". */
export function readerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local time';
}

/** A time in the reader's zone, with the zone: "Dec 2, 2026, 6:46:51 AM GMT+1 (Europe/Berlin)". */
export function formatLocalTime(time: Date): string {
  const local = time.toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'long',
  });
  return `${local} (${readerTimeZone()})`;
}

/** A time in UTC to the second: "2026-12-02 05:46:51 UTC". */
export function formatUtcTime(time: Date): string {
  return time
    .toISOString()
    .replace('T', ' ')
    .replace(/(\.\d+)?Z$/, ' UTC');
}

/** The exact time in the reader's zone and in UTC, one per line. */
export function formatExactTime(time: Date): string {
  return `${formatLocalTime(time)}\n${formatUtcTime(time)}`;
}

/** "1 order" / "12 orders". */
export function pluralOrders(count: number, exact = true): string {
  return `${formatCount(count, exact)} ${count === 1 && exact ? 'order' : 'orders'}`;
}

/**
 * A count as the tab shows it: grouped by thousands, with a `+` when it is a lower bound (the
 * backend stopped counting, "1,000+").
 */
export function formatCount(count: number, exact = true): string {
  return `${count.toLocaleString('en-US')}${exact ? '' : '+'}`;
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

/** What went wrong as the backend said it, and the HTTP status when there was an answer. */
export function describeError(error: Error): {
  message: string;
  status?: string;
} {
  if (error instanceof ResponseError) {
    return {
      message: error.body.error.message || error.message,
      status: `${error.statusCode} ${error.body.error.name}`,
    };
  }
  return { message: error.message };
}
