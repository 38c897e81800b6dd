import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import { EmptyState } from '@backstage/core-components';

/** What the user is told when they may not read a workflow's orders. */
const NO_PERMISSION_TITLE =
  "You don't have permission to see this workflow's orders";
const NO_PERMISSION_HINT =
  "Ask the workflow's owner or operations staff to give you access to its orders.";

/**
 * The Orders tab and the Last order card of a workflow whose orders the user may not read: neither
 * an error (nothing failed) nor "no orders" (there may be some). `compact` for a card.
 */
export function NoOrdersPermission({ compact }: { compact?: boolean }) {
  if (!compact) {
    return (
      <EmptyState
        missing="info"
        title={NO_PERMISSION_TITLE}
        description={NO_PERMISSION_HINT}
      />
    );
  }
  return (
    <Box display="flex" gap={1.5} alignItems="flex-start">
      <LockOutlinedIcon color="disabled" aria-hidden />
      <Box>
        <Typography variant="subtitle1" component="p">
          {NO_PERMISSION_TITLE}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {NO_PERMISSION_HINT}
        </Typography>
      </Box>
    </Box>
  );
}
