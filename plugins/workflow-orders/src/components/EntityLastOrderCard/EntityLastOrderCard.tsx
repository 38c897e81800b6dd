import { ReactNode } from 'react';
import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
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
  DirectionTag,
  ErrorWithRetry,
  LastUpdated,
  Loading,
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
    <Flex direction="column" gap="3">
      {last ? (
        <Flex direction="column" gap="1">
          <Text as="p" variant="title-x-small">
            <RelativeTime value={last.placed_at} prefix="Last order: " />
          </Text>
          <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
            <DirectionTag direction={last.order_direction} />
            <Text variant="body-medium">{formatOrderLine(last)}</Text>
          </Flex>
        </Flex>
      ) : (
        <Text as="p" variant="title-x-small">
          No orders yet
        </Text>
      )}
      <Text as="p" variant="body-medium">
        {pluralOrders(activity.total_count)} in the last 7 days
      </Text>
      <DailyOrdersChart days={activity.daily_counts} />
    </Flex>
  );
}

/** The frame of every state of the card: a Backstage UI card titled "Last order". */
function LastOrderFrame(props: {
  action?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card style={{ height: '100%' }}>
      <CardHeader>
        <Flex justify="between" align="center" gap="2">
          <Text as="h2" variant="title-small">
            Last order
          </Text>
          {props.action}
        </Flex>
      </CardHeader>
      <CardBody>{props.children}</CardBody>
      {props.footer && <CardFooter>{props.footer}</CardFooter>}
    </Card>
  );
}

/**
 * The Last order card of one workflow. The backend's 404 for the workflow of an entity the user
 * sees means the user may not read its orders.
 */
export function LastOrderCard({ workflowId }: { workflowId: string }) {
  const { activity, error, notAllowed, loading, lastUpdated, refresh, live } =
    useWorkflowActivity(workflowId);
  const link = useOrdersTabLink();
  if (notAllowed) {
    return (
      <LastOrderFrame>
        <NoOrdersPermission compact />
      </LastOrderFrame>
    );
  }
  return (
    <LastOrderFrame
      action={
        <LastUpdated
          lastUpdated={lastUpdated}
          loading={loading}
          onRefresh={refresh}
          live={live}
        />
      }
      footer={
        <Link href={link} variant="body-medium">
          View all orders
        </Link>
      }
    >
      <ErrorWithRetry
        title="Could not load the last order"
        error={error}
        onRetry={refresh}
      />
      {!activity && loading && <Loading label="Loading the last order" />}
      {activity && <Activity activity={activity} />}
    </LastOrderFrame>
  );
}

/** The card of a workflow entity, once the permission framework allows the user to read it. */
function PermittedLastOrderCard(props: { entity: Entity; workflowId: string }) {
  const permission = useOrdersPermission(props.entity);
  if (permission === 'loading') {
    return (
      <LastOrderFrame>
        <Loading label="Loading the last order" />
      </LastOrderFrame>
    );
  }
  if (permission === 'denied') {
    return (
      <LastOrderFrame>
        <NoOrdersPermission compact />
      </LastOrderFrame>
    );
  }
  return <LastOrderCard workflowId={props.workflowId} />;
}

/** The Last order card of the entity in context, for the entity overview. */
export function EntityLastOrderCard() {
  const { entity } = useEntity();
  const workflowId = workflowIdOf(entity);
  if (!workflowId) {
    return (
      <LastOrderFrame>
        <MissingAnnotationEmptyState annotation={WORKFLOW_ID_ANNOTATION} />
      </LastOrderFrame>
    );
  }
  return <PermittedLastOrderCard entity={entity} workflowId={workflowId} />;
}
