import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Entity } from '@backstage/catalog-model';
import { isUuid } from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../../conditions';
import { useOrderSummary } from '../../hooks/useOrderSummaries';
import { RelativeTime } from '../common';

function Summary({ workflowId }: { workflowId: string }) {
  const entry = useOrderSummary(workflowId);
  if (!entry || entry.status === 'loading') {
    return (
      <Typography variant="body2" color="text.secondary">
        …
      </Typography>
    );
  }
  if (entry.status === 'error') {
    return (
      <Tooltip title={entry.error.message}>
        <Typography variant="body2" color="error">
          Last order unavailable
        </Typography>
      </Tooltip>
    );
  }
  // A workflow the user may not see has no summary, and its cell stays empty.
  if (entry.summary === null) return null;
  const placedAt = entry.summary.last_order_timestamp;
  return (
    <Typography variant="body2">
      {placedAt ? (
        <RelativeTime value={placedAt} prefix="Last order: " />
      ) : (
        'No orders yet'
      )}
    </Typography>
  );
}

/**
 * The last-order cell of one row of the workflows list: nothing for entities that are not
 * workflows or whose orders the user may not see, and a hint, not a failed request for everyone,
 * when the annotation is not a UUID.
 */
export function LastOrderCell({ entity }: { entity: Entity }) {
  const workflowId = workflowIdOf(entity);
  if (!workflowId) return null;
  if (!isUuid(workflowId)) {
    return (
      <Typography variant="body2" color="text.secondary">
        Invalid workflow id
      </Typography>
    );
  }
  return <Summary workflowId={workflowId} />;
}
