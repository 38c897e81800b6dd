import { ReactNode, useMemo } from 'react';
import { useNow } from '../../hooks/useNow';
import {
  RelativeTimeStyle,
  formatLocalTime,
  formatRelativeTime,
  formatUtcTime,
} from './format';
import { HoverDetails } from './HoverDetails';

/** Props of {@link RelativeTime}. */
export interface RelativeTimeProps {
  /** An ISO 8601 time. */
  value: string;
  /** Text before the relative time, e.g. "Last order: ". */
  prefix?: string;
  /** "54 minutes ago" (`long`, the default) or "54m ago" (`narrow`). */
  timeStyle?: RelativeTimeStyle;
  /** More lines for the tooltip, below the exact times. */
  details?: ReactNode;
  /** Further content after the time inside the same hover target, such as a direction tag. */
  children?: ReactNode;
}

/** The exact time of `time` in the reader's zone and in UTC, one per line. */
export function ExactTime({ time }: { time: Date }) {
  return (
    <>
      <span>{formatLocalTime(time)}</span>
      {'\n'}
      <span>{formatUtcTime(time)}</span>
    </>
  );
}

/**
 * A time as "3 minutes ago", kept true while the page stays open, with the exact time in the
 * reader's zone and in UTC on hover and on keyboard focus.
 */
export function RelativeTime(props: RelativeTimeProps) {
  const { value, prefix = '', timeStyle = 'long', details, children } = props;
  // A time that just changed (a pushed order) is measured from now, not from the clock's last tick.
  const changedAt = useMemo(() => (value ? Date.now() : 0), [value]);
  const now = Math.max(useNow(), changedAt);
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return <span>{prefix}unknown time</span>;
  return (
    <HoverDetails
      nowrap={timeStyle === 'narrow'}
      details={
        <>
          <ExactTime time={time} />
          {details}
        </>
      }
    >
      <time dateTime={value}>
        {prefix}
        {formatRelativeTime(time, now, timeStyle)}
      </time>
      {children}
    </HoverDetails>
  );
}
