import { Button, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import {
  HistorySort,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { formatCount, orderColumns, whenColumn } from '../common';

const columns: ColumnConfig<WorkflowOrderListItem>[] = [
  whenColumn({ isRowHeader: true, isSortable: true }),
  ...orderColumns(),
];

/**
 * The loaded orders in a Backstage UI table, in the order the API returns them; the When column
 * sorts newest or oldest first (on the server), a row opens the order's detail by click or Enter,
 * and a button loads the next page.
 */
export function OrdersTable(props: {
  orders: WorkflowOrderListItem[];
  total: number;
  /** False when `total` is a lower bound, shown as "1,000+". */
  totalExact?: boolean;
  sort: HistorySort;
  onSortChange: (sort: HistorySort) => void;
  hasMore: boolean;
  loadingMore: boolean;
  stale: boolean;
  onLoadMore: () => void;
  onSelect: (order: WorkflowOrderListItem) => void;
}) {
  const { orders, total, sort, hasMore, loadingMore } = props;
  return (
    <Flex direction="column" gap="3">
      <Table<WorkflowOrderListItem>
        columnConfig={columns}
        data={orders}
        isStale={props.stale}
        pagination={{ type: 'none' }}
        sort={{
          descriptor: {
            column: 'placed_at',
            direction: sort === 'oldest' ? 'ascending' : 'descending',
          },
          onSortChange: descriptor =>
            props.onSortChange(
              descriptor.direction === 'ascending' ? 'oldest' : 'newest',
            ),
        }}
        rowConfig={{ onClick: props.onSelect }}
      />
      <Flex align="center" justify="center" gap="3">
        <Text variant="body-small">
          Showing {formatCount(orders.length)} of{' '}
          {formatCount(total, props.totalExact ?? true)}
        </Text>
        {hasMore && (
          <Button
            variant="secondary"
            onPress={props.onLoadMore}
            isDisabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
