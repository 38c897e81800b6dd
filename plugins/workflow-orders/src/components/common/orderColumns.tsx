import { Cell, CellText, ColumnConfig } from '@backstage/ui';
import { WorkflowOrderListItem } from '@workflow-orders/plugin-workflow-orders-common';
import { DirectionTag } from './DirectionTag';
import { RelativeTime } from './RelativeTime';
import { formatField } from './format';

/** A row of a table of orders: an order, perhaps with more about it. */
type OrderRow = WorkflowOrderListItem;

/** The When column: when the order was placed, relative to now; `options` adds to it. */
export function whenColumn<T extends OrderRow>(
  options: Partial<ColumnConfig<T>> = {},
): ColumnConfig<T> {
  return {
    id: 'placed_at',
    label: 'When',
    cell: order => (
      <Cell>
        <RelativeTime value={order.placed_at} />
      </Cell>
    ),
    ...options,
  };
}

/** A column with one field of the order as text, a dash for a field its writer did not store. */
function textColumn<T extends OrderRow>(
  id: 'order_quantity' | 'order_price' | 'order_code' | 'order_type',
  label: string,
): ColumnConfig<T> {
  return {
    id,
    label,
    cell: order => <CellText title={formatField(order[id])} />,
  };
}

/** The Direction, Quantity, Price, Asset code and Order type columns of a table of orders. */
export function orderColumns<T extends OrderRow>(): ColumnConfig<T>[] {
  return [
    {
      id: 'order_direction',
      label: 'Direction',
      cell: order => (
        <Cell>
          <DirectionTag direction={order.order_direction} />
        </Cell>
      ),
    },
    textColumn('order_quantity', 'Quantity'),
    textColumn('order_price', 'Price'),
    textColumn('order_code', 'Asset code'),
    textColumn('order_type', 'Order type'),
  ];
}
