import { Button, Card, CardBody, Flex, Text } from '@backstage/ui';
import { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { WORKFLOW_ID_ANNOTATION } from '@workflow-orders/plugin-workflow-orders-common';
import { useApi } from '@backstage/core-plugin-api';
import { workflowOrdersApiRef } from '../../api';
import { workflowIdOf } from '../../conditions';
import { useOrdersPermission } from '../../hooks/useOrdersPermission';
import { useWorkflowOrders } from '../../hooks/useWorkflowOrders';
import { LiveAnnouncement, newOrdersText } from '../../live/LiveAnnouncer';
import { NewOrdersButton } from '../../live/NewOrdersButton';
import {
  EmptyMessage,
  ErrorWithRetry,
  LastUpdated,
  Loading,
  NoOrdersPermission,
  pluralOrders,
} from '../common';
import { ExportCsvButton } from '../ExportCsvButton';
import { OrderLinkDialog } from '../OrderDetailDialog';
import { OrdersFilters } from './OrdersFilters';
import { OrdersTable } from './OrdersTable';
import { useOrdersSearchParams } from './useOrdersSearchParams';
import { useOrderLink } from './useOrderLink';

/** "27 orders in the last 7 days", or under filters "3 orders match". */
function matchText(total: number, exact: boolean, filtered: boolean): string {
  const orders = pluralOrders(total, exact);
  if (!filtered) return `${orders} in the last 7 days`;
  return `${orders} ${total === 1 && exact ? 'matches' : 'match'}`;
}

/**
 * The Orders tab of one workflow: its orders of the last 7 days, newest first unless the URL says
 * otherwise, of the direction and asset code the URL names. `workflowTitle`, the title of its
 * catalog entity, names the workflow where an order carries no stored name. The backend's 404 for
 * the workflow of an entity the user sees means the user may not read its orders.
 */
export function WorkflowOrders({
  workflowId,
  workflowTitle,
}: {
  workflowId: string;
  workflowTitle?: string;
}) {
  const { query, filtered, change } = useOrdersSearchParams();
  const state = useWorkflowOrders(workflowId, query);
  const api = useApi(workflowOrdersApiRef);
  const orderLink = useOrderLink();
  const {
    orders,
    totalCount,
    totalCountExact,
    error,
    notAllowed,
    loading,
    refresh,
  } = state;

  if (notAllowed) return <NoOrdersPermission />;
  const firstLoad = loading && totalCount === undefined && !error;

  return (
    <Card>
      <CardBody>
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="h2" variant="title-small">
              Orders
            </Text>
            <LastUpdated
              lastUpdated={state.lastUpdated}
              loading={loading}
              onRefresh={refresh}
              live={state.live}
            />
          </Flex>
          <Flex justify="between" align="end" style={{ flexWrap: 'wrap' }}>
            <OrdersFilters query={query} onChange={change} />
            <ExportCsvButton
              onExport={() => api.exportOrders({ workflowId, ...query })}
            />
          </Flex>
          <Text as="p" variant="body-medium" aria-live="polite">
            <span>
              {totalCount !== undefined &&
                matchText(totalCount, totalCountExact, filtered)}
            </span>
            {/* In the count's live region, so a push is one announcement with the new count. */}
            <LiveAnnouncement announcement={state.announcement} />
          </Text>
          {state.newOrders > 0 && (
            <NewOrdersButton
              label={newOrdersText(state.newOrders)}
              onShow={
                query.sort === 'oldest'
                  ? () => change({ sort: undefined })
                  : state.showNewOrders
              }
            />
          )}
          <ErrorWithRetry
            title="Could not load the orders"
            error={error}
            onRetry={refresh}
          />
          {firstLoad && <Loading label="Loading orders" />}
          {totalCount === 0 && orders.length === 0 && !filtered && (
            <EmptyMessage
              title="No orders placed in the last 7 days"
              description="Orders this workflow places appear here within a minute. Orders are kept for 7 days."
            />
          )}
          {totalCount === 0 && orders.length === 0 && filtered && (
            <EmptyMessage
              title="No orders match these filters"
              description="The workflow placed orders in the last 7 days, but none of this direction and asset code."
              action={
                <Button
                  variant="secondary"
                  onPress={() =>
                    change({ direction: undefined, code: undefined })
                  }
                >
                  Clear filters
                </Button>
              }
            />
          )}
          {orders.length > 0 && (
            <OrdersTable
              orders={orders}
              total={totalCount ?? orders.length}
              totalExact={totalCountExact}
              sort={query.sort ?? 'newest'}
              onSortChange={sort =>
                change({ sort: sort === 'oldest' ? 'oldest' : undefined })
              }
              hasMore={state.nextCursor !== null}
              loadingMore={state.loadingMore}
              stale={loading}
              onLoadMore={state.loadMore}
              onSelect={orderLink.open}
            />
          )}
        </Flex>
      </CardBody>
      {orderLink.orderId && (
        <OrderLinkDialog
          orderId={orderLink.orderId}
          listed={orders.find(order => order.id === orderLink.orderId)}
          href={orderLink.href}
          workflowTitle={workflowTitle}
          onClose={orderLink.close}
        />
      )}
    </Card>
  );
}

/** The tab of a workflow entity, once the permission framework allows the user to read it. */
function PermittedWorkflowOrders(props: {
  entity: Entity;
  workflowId: string;
}) {
  const { entity, workflowId } = props;
  const permission = useOrdersPermission(entity);
  if (permission === 'loading') return <Loading label="Loading orders" />;
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
