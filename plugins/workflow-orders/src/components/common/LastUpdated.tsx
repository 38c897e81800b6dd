import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { RelativeTime } from './RelativeTime';

/** "Last updated 2 minutes ago" and a button to refresh now. */
export function LastUpdated(props: {
  lastUpdated?: Date;
  loading: boolean;
  onRefresh: () => void;
}) {
  const { lastUpdated, loading, onRefresh } = props;
  return (
    <Box display="flex" alignItems="center" gap={0.5}>
      <Typography variant="caption" color="text.secondary">
        {lastUpdated ? (
          <RelativeTime
            value={lastUpdated.toISOString()}
            prefix="Last updated "
          />
        ) : (
          'Not updated yet'
        )}
      </Typography>
      <Tooltip title="Refresh">
        <span>
          <IconButton
            aria-label="Refresh"
            size="small"
            onClick={onRefresh}
            disabled={loading}
          >
            <RefreshIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}
