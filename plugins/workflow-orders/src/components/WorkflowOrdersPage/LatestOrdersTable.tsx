import { Button, Flex, Table, Text } from '@backstage/ui';
import { LatestOrderRow } from '../../hooks/useLatestOrders';
import { latestOrderColumns } from './columns';

/** The empty state when no filter is set: nothing happened, not nothing matched. */
export const NO_ORDERS = 'No workflow placed an order in the last 7 days';

/** The empty state when filters are set. */
export const NO_MATCH = "No workflow's last order matches these filters";

function EmptyState(props: { filtered: boolean; onClearFilters: () => void }) {
  if (!props.filtered) {
    return (
      <Flex direction="column" gap="1">
        <Text weight="bold">{NO_ORDERS}</Text>
        <Text color="secondary">
          The latest order of each workflow shows here once one places an order.
        </Text>
      </Flex>
    );
  }
  return (
    <Flex direction="column" gap="2" align="start">
      <Text weight="bold">{NO_MATCH}</Text>
      <Button variant="secondary" onPress={props.onClearFilters}>
        Clear filters
      </Button>
    </Flex>
  );
}

/**
 * One row per workflow, newest first, a page at a time: a skeleton while the first page loads, the
 * previous rows kept (marked stale) while another loads. A row opens the order's detail.
 */
export function LatestOrdersTable(props: {
  rows?: LatestOrderRow[];
  loading: boolean;
  pageIndex: number;
  pageSize: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  onNextPage: () => void;
  onPreviousPage: () => void;
  filtered: boolean;
  onClearFilters: () => void;
  onOpen: (row: LatestOrderRow) => void;
}) {
  const { rows, pageIndex, pageSize } = props;
  const first = pageIndex * pageSize + 1;
  return (
    <Table
      columnConfig={latestOrderColumns}
      data={rows}
      isPending={props.loading && !rows}
      isStale={props.loading && !!rows}
      rowConfig={{ onClick: props.onOpen }}
      emptyState={
        <EmptyState
          filtered={props.filtered}
          onClearFilters={props.onClearFilters}
        />
      }
      pagination={{
        type: 'page',
        pageSize,
        pageSizeOptions: [],
        showPageSizeOptions: false,
        offset: pageIndex * pageSize,
        hasNextPage: props.hasNextPage,
        hasPreviousPage: props.hasPreviousPage,
        onNextPage: props.onNextPage,
        onPreviousPage: props.onPreviousPage,
        getLabel: () =>
          rows?.length
            ? `Workflows ${first}–${first + rows.length - 1}`
            : 'No workflows',
      }}
    />
  );
}
