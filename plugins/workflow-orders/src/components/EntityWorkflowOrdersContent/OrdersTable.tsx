import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { WorkflowOrderListItem } from '@workflow-orders/plugin-workflow-orders-common';
import {
  DirectionChip,
  RelativeTime,
  formatField,
  formatNumber,
  pluralOrders,
} from '../common';

const columns: TableColumn<WorkflowOrderListItem>[] = [
  {
    title: 'When',
    field: 'placed_at',
    render: order => <RelativeTime value={order.placed_at} />,
  },
  {
    title: 'Direction',
    field: 'order_direction',
    render: order => <DirectionChip direction={order.order_direction} />,
  },
  {
    title: 'Quantity',
    field: 'order_quantity',
    type: 'numeric',
    render: order => formatNumber(order.order_quantity),
  },
  {
    title: 'Price',
    field: 'order_price',
    type: 'numeric',
    render: order => formatNumber(order.order_price),
  },
  {
    title: 'Asset',
    field: 'order_code',
    render: order => formatField(order.order_code),
  },
  {
    title: 'Type',
    field: 'order_type',
    render: order => formatField(order.order_type),
  },
];

/** The loaded orders, newest first as the API returns them, and the button that loads the next page. */
export function OrdersTable(props: {
  orders: WorkflowOrderListItem[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onSelect: (order: WorkflowOrderListItem) => void;
}) {
  const { orders, total, hasMore, loadingMore, onLoadMore, onSelect } = props;
  return (
    <>
      <Table<WorkflowOrderListItem>
        title="Orders"
        subtitle={`${pluralOrders(total)} in the last 7 days`}
        columns={columns}
        // material-table mutates the rows it is given; hand it copies.
        data={orders.map(order => ({ ...order }))}
        onRowClick={(_event, order) => order && onSelect(order)}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
          draggable: false,
        }}
      />
      <Box
        display="flex"
        alignItems="center"
        justifyContent="center"
        gap={2}
        mt={2}
      >
        <Typography variant="body2" color="text.secondary">
          Showing {orders.length} of {total}
        </Typography>
        {hasMore && (
          <Button
            variant="outlined"
            onClick={onLoadMore}
            disabled={loadingMore}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Box>
    </>
  );
}
