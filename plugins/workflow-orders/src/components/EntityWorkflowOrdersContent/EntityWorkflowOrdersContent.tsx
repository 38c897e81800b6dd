import { useState } from 'react';
import Box from '@mui/material/Box';
import { EmptyState, Progress } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  WORKFLOW_ID_ANNOTATION,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../../conditions';
import { useOrdersPermission } from '../../hooks/useOrdersPermission';
import { useWorkflowOrders } from '../../hooks/useWorkflowOrders';
import { ErrorWithRetry, LastUpdated, NoOrdersPermission } from '../common';
import { OrderDetailDialog } from '../OrderDetailDialog';
import { OrdersTable } from './OrdersTable';

/**
 * The Orders tab of one workflow: its orders of the last 7 days, newest first. `workflowTitle`, the
 * title of its catalog entity, names the workflow where an order carries no stored name. The
 * backend's 404 for the workflow of an entity the user sees means the user may not read its orders.
 */
export function WorkflowOrders({
  workflowId,
  workflowTitle,
}: {
  workflowId: string;
  workflowTitle?: string;
}) {
  const state = useWorkflowOrders(workflowId);
  const [selected, setSelected] = useState<WorkflowOrderListItem>();
  const {
    orders,
    totalCount,
    error,
    notAllowed,
    loading,
    lastUpdated,
    refresh,
  } = state;

  if (notAllowed) return <NoOrdersPermission />;
  if (loading && totalCount === undefined && !error) return <Progress />;

  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <LastUpdated
          lastUpdated={lastUpdated}
          loading={loading}
          onRefresh={refresh}
        />
      </Box>
      {error && (
        <ErrorWithRetry
          title="Could not load the orders"
          error={error}
          onRetry={refresh}
        />
      )}
      {totalCount === 0 && orders.length === 0 && (
        <EmptyState
          missing="data"
          title="No orders placed in the last 7 days"
          description="Orders this workflow places appear here within a minute. Orders are kept for 7 days."
        />
      )}
      {orders.length > 0 && (
        <OrdersTable
          orders={orders}
          total={totalCount ?? orders.length}
          hasMore={state.nextCursor !== null}
          loadingMore={state.loadingMore}
          onLoadMore={state.loadMore}
          onSelect={setSelected}
        />
      )}
      {selected && (
        <OrderDetailDialog
          order={selected}
          workflowTitle={workflowTitle}
          onClose={() => setSelected(undefined)}
        />
      )}
    </Box>
  );
}

/** The tab of a workflow entity, once the permission framework allows the user to read it. */
function PermittedWorkflowOrders(props: {
  entity: Entity;
  workflowId: string;
}) {
  const { entity, workflowId } = props;
  const permission = useOrdersPermission(entity);
  if (permission === 'loading') return <Progress />;
  if (permission === 'denied') return <NoOrdersPermission />;
  return (
    <WorkflowOrders
      workflowId={workflowId}
      workflowTitle={entity.metadata.title ?? entity.metadata.name}
    />
  );
}

/**
 * The Orders tab of the entity in context; explains the missing annotation when the entity is not a
 * trading workflow, and says so when the user may not read its orders.
 */
export function EntityWorkflowOrdersContent() {
  const { entity } = useEntity();
  const workflowId = workflowIdOf(entity);
  if (!workflowId) {
    return <MissingAnnotationEmptyState annotation={WORKFLOW_ID_ANNOTATION} />;
  }
  return <PermittedWorkflowOrders entity={entity} workflowId={workflowId} />;
}
