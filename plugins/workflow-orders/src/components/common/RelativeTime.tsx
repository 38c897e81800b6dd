import Tooltip from '@mui/material/Tooltip';
import { useNow } from '../../hooks/useNow';
import { formatExactTime, formatRelativeTime } from './format';

/** Props of {@link RelativeTime}. */
export interface RelativeTimeProps {
  /** An ISO 8601 time. */
  value: string;
  /** Text before the relative time, e.g. "Last order: ". */
  prefix?: string;
}

/**
 * A time as "3 minutes ago", kept true while the page stays open, with the exact local and UTC time
 * on hover.
 */
export function RelativeTime({ value, prefix = '' }: RelativeTimeProps) {
  const now = useNow();
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return <span>{prefix}unknown time</span>;
  return (
    <Tooltip
      title={formatExactTime(time)}
      componentsProps={{ tooltip: { sx: { whiteSpace: 'pre-line' } } }}
    >
      <time dateTime={value}>
        {prefix}
        {formatRelativeTime(time, now)}
      </time>
    </Tooltip>
  );
}
