import { useState } from 'react';
import { Container, Flex, FullPage, Header, Text } from '@backstage/ui';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/core-plugin-api';
import { DEFAULT_LATEST_ORDERS_LIMIT } from '@workflow-orders/plugin-workflow-orders-common';
import { useOwnedWorkflows } from '../../hooks/useCatalogWorkflows';
import {
  LatestOrderRow,
  LatestOrdersFilters,
  useLatestOrders,
} from '../../hooks/useLatestOrders';
import { ArrivedStyle } from '../../live/ArrivedTag';
import { LiveAnnouncer } from '../../live/LiveAnnouncer';
import { NewOrdersButton } from '../../live/NewOrdersButton';
import { ErrorWithRetry, LastUpdated } from '../common';
import { workflowOrdersApiRef } from '../../api';
import { ExportCsvButton } from '../ExportCsvButton';
import { ORDER_PARAM } from '../EntityWorkflowOrdersContent/useOrderLink';
import { OrderDetailDialog } from '../OrderDetailDialog';
import { LatestOrdersTable } from './LatestOrdersTable';
import { PageFiltersBar } from './PageFiltersBar';
import { workflowTitleOf } from './columns';
import { PageFilters, usePageFilters } from './usePageFilters';

/** The workflows the backend is asked about: the one picked, those of the owner, or all. */
function workflowIdsOf(
  filters: PageFilters,
  ownedIds: string[] | undefined,
): string[] | undefined {
  if (!filters.workflow) return ownedIds;
  if (!ownedIds) return [filters.workflow];
  return ownedIds.includes(filters.workflow) ? [filters.workflow] : [];
}

/** Where the Orders tab of a row's workflow is, when a catalog entity carries its id. */
function useOrdersTabHref(row?: LatestOrderRow): string | undefined {
  const entityLink = useEntityRefLink();
  return row?.entity ? `${entityLink(row.entity)}/orders` : undefined;
}

/**
 * The order's own link, to paste elsewhere: its workflow's Orders tab with the order's detail open
 * (what the tab's copy link gives), when a catalog entity carries the workflow.
 */
function orderHrefOf(
  ordersTabHref: string | undefined,
  order: { id: string },
): string | undefined {
  if (!ordersTabHref) return undefined;
  const url = new URL(ordersTabHref, window.location.origin);
  url.searchParams.set(ORDER_PARAM, order.id);
  return url.toString();
}

/**
 * Props of the Workflow orders page.
 *
 * @public
 */
export interface WorkflowOrdersPageProps {
  /** Workflows per page, 1 to 100; 50 by default. */
  pageSize?: number;
}

/**
 * The Workflow orders page: the latest order of every workflow the user may see that placed one in
 * the last 7 days, newest first, filtered by workflow, direction, owner and asset code (all in the
 * URL), a page at a time, refreshed like the Orders tab. A row opens the order's detail.
 */
export function WorkflowOrdersPage(props: WorkflowOrdersPageProps) {
  const pageSize = props.pageSize ?? DEFAULT_LATEST_ORDERS_LIMIT;
  const { filters, active, setFilter, clearFilters } = usePageFilters();
  const owner = useOwnedWorkflows(filters.owner);
  // Until the catalog names the owner's workflows, the backend is asked for none of them: a page of
  // every workflow would show what the filter leaves out.
  const ownerPending = !!filters.owner && !owner.owned;
  const query: LatestOrdersFilters = {
    direction: filters.direction,
    code: filters.code,
    workflowIds: ownerPending
      ? []
      : workflowIdsOf(filters, owner.owned?.workflowIds),
  };
  const latest = useLatestOrders(query, pageSize);
  const api = useApi(workflowOrdersApiRef);
  const [opened, setOpened] = useState<LatestOrderRow>();
  const ordersTabHref = useOrdersTabHref(opened);

  const error = owner.error ?? latest.error;
  return (
    <>
      <Header
        title="Workflow orders"
        description="The latest order of every workflow that placed one in the last 7 days, newest first."
        customActions={
          <LastUpdated
            lastUpdated={latest.lastUpdated}
            loading={latest.loading}
            onRefresh={latest.refresh}
            live={latest.live}
          />
        }
      />
      {/* The page's one <main> landmark; the app's layout around it has none. */}
      <FullPage>
        <Container>
          <Flex direction="column" gap="4" my="4">
            <PageFiltersBar
              filters={filters}
              owned={owner.owned}
              onChange={setFilter}
            />
            {/* Nothing to export while the owner's workflows are unknown, or when they are none. */}
            <Flex justify="end">
              <ExportCsvButton
                isDisabled={ownerPending || query.workflowIds?.length === 0}
                onExport={() => api.exportLatestOrders(query)}
              />
            </Flex>
            {latest.waiting > 0 && (
              <NewOrdersButton
                label={`${latest.waiting} ${latest.waiting === 1 ? 'workflow has' : 'workflows have'} new orders — show`}
                onShow={latest.showWaiting}
              />
            )}
            <ErrorWithRetry
              title="Could not load the latest orders"
              error={error}
              onRetry={owner.error ? owner.retry : latest.refresh}
            />
            {!(error && (!latest.rows || ownerPending)) && (
              <LatestOrdersTable
                rows={ownerPending ? undefined : latest.rows}
                loading={latest.loading || ownerPending}
                pageIndex={latest.pageIndex}
                pageSize={pageSize}
                hasNextPage={latest.hasNextPage}
                hasPreviousPage={latest.hasPreviousPage}
                onNextPage={latest.nextPage}
                onPreviousPage={latest.previousPage}
                filtered={active}
                onClearFilters={clearFilters}
                onOpen={setOpened}
              />
            )}
            <Text variant="body-small" color="secondary">
              Times are in your time zone; hover one for the exact time in UTC.
            </Text>
            <LiveAnnouncer announcement={latest.announcement} />
            <ArrivedStyle />
          </Flex>
        </Container>
      </FullPage>
      {opened && (
        <OrderDetailDialog
          order={opened}
          workflowTitle={workflowTitleOf(opened)}
          ordersTabHref={ordersTabHref}
          href={orderHrefOf(ordersTabHref, opened)}
          onClose={() => setOpened(undefined)}
        />
      )}
    </>
  );
}
