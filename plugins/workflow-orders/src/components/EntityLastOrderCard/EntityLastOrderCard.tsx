import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  WORKFLOW_ID_ANNOTATION,
  WorkflowActivity,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../../conditions';
import { useOrdersPermission } from '../../hooks/useOrdersPermission';
import { useWorkflowActivity } from '../../hooks/useWorkflowActivity';
import {
  DirectionChip,
  ErrorWithRetry,
  LastUpdated,
  NoOrdersPermission,
  RelativeTime,
  formatOrderLine,
  pluralOrders,
} from '../common';
import { DailyOrdersChart } from './DailyOrdersChart';
import { useOrdersTabLink } from './useOrdersTabLink';

function Activity({ activity }: { activity: WorkflowActivity }) {
  const last = activity.last_order;
  return (
    <Box display="flex" flexDirection="column" gap={1.5}>
      {last ? (
        <Box>
          <Typography variant="h6" component="p">
            <RelativeTime value={last.placed_at} prefix="Last order: " />
          </Typography>
          <Box display="flex" alignItems="center" gap={1} flexWrap="wrap">
            <DirectionChip direction={last.order_direction} />
            <Typography variant="body2">{formatOrderLine(last)}</Typography>
          </Box>
        </Box>
      ) : (
        <Typography variant="h6" component="p">
          No orders yet
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary">
        {pluralOrders(activity.total_count)} in the last 7 days
      </Typography>
      <DailyOrdersChart days={activity.daily_counts} />
    </Box>
  );
}

/** The card of a workflow whose orders the user may not read: no refresh, no link to the tab. */
function NoPermissionCard() {
  return (
    <InfoCard title="Last order">
      <NoOrdersPermission compact />
    </InfoCard>
  );
}

/**
 * The Last order card of one workflow. The backend's 404 for the workflow of an entity the user
 * sees means the user may not read its orders.
 */
export function LastOrderCard({ workflowId }: { workflowId: string }) {
  const { activity, error, notAllowed, loading, lastUpdated, refresh } =
    useWorkflowActivity(workflowId);
  const link = useOrdersTabLink();
  if (notAllowed) return <NoPermissionCard />;
  return (
    <InfoCard
      title="Last order"
      action={
        <LastUpdated
          lastUpdated={lastUpdated}
          loading={loading}
          onRefresh={refresh}
        />
      }
      deepLink={{ title: 'View all orders', link }}
    >
      {error && (
        <ErrorWithRetry
          title="Could not load the last order"
          error={error}
          onRetry={refresh}
        />
      )}
      {!activity && loading && <Progress />}
      {activity && <Activity activity={activity} />}
    </InfoCard>
  );
}

/** The card of a workflow entity, once the permission framework allows the user to read it. */
function PermittedLastOrderCard(props: { entity: Entity; workflowId: string }) {
  const permission = useOrdersPermission(props.entity);
  if (permission === 'loading') {
    return (
      <InfoCard title="Last order">
        <Progress />
      </InfoCard>
    );
  }
  if (permission === 'denied') return <NoPermissionCard />;
  return <LastOrderCard workflowId={props.workflowId} />;
}

/** The Last order card of the entity in context, for the entity overview. */
export function EntityLastOrderCard() {
  const { entity } = useEntity();
  const workflowId = workflowIdOf(entity);
  if (!workflowId) {
    return (
      <InfoCard title="Last order">
        <MissingAnnotationEmptyState annotation={WORKFLOW_ID_ANNOTATION} />
      </InfoCard>
    );
  }
  return <PermittedLastOrderCard entity={entity} workflowId={workflowId} />;
}
