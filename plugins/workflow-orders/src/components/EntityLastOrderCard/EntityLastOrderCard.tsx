import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  WORKFLOW_ID_ANNOTATION,
  WorkflowActivity,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../../conditions';
import { useWorkflowActivity } from '../../hooks/useWorkflowActivity';
import {
  DirectionChip,
  ErrorWithRetry,
  LastUpdated,
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

/** The Last order card of one workflow. */
export function LastOrderCard({ workflowId }: { workflowId: string }) {
  const { activity, error, loading, lastUpdated, refresh } =
    useWorkflowActivity(workflowId);
  const link = useOrdersTabLink();
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
  return <LastOrderCard workflowId={workflowId} />;
}
