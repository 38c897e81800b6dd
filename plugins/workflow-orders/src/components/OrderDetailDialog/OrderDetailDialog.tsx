import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  WorkflowOrderDetail,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../../api';
import {
  DirectionChip,
  ErrorWithRetry,
  RelativeTime,
  UNKNOWN,
  formatExactTime,
  formatField,
  formatNumber,
} from '../common';

/**
 * The workflow as the detail names it: its stored name, else the title of the catalog entity the
 * dialog was opened from, else a dash; always with its id.
 */
function workflowLabel(
  order: WorkflowOrderListItem,
  detail: WorkflowOrderDetail,
  workflowTitle: string | undefined,
): string {
  const name = detail.workflow_name ?? workflowTitle ?? UNKNOWN;
  return `${name} (${order.workflow_id})`;
}

function rows(
  order: WorkflowOrderListItem,
  detail: WorkflowOrderDetail | undefined,
  workflowTitle: string | undefined,
) {
  const exact = (iso: string) =>
    formatExactTime(new Date(iso)).replace('\n', ' · ');
  const pending = '…';
  return [
    [
      'Placed',
      <>
        <RelativeTime value={order.placed_at} /> ({exact(order.placed_at)})
      </>,
    ],
    ['Direction', <DirectionChip direction={order.order_direction} />],
    ['Quantity', formatNumber(order.order_quantity)],
    ['Price', formatNumber(order.order_price)],
    ['Asset code', formatField(order.order_code)],
    ['Asset type', detail ? formatField(detail.asset_type) : pending],
    ['Order type', formatField(order.order_type)],
    ['Trigger close', detail ? formatField(detail.trigger_close) : pending],
    [
      'Execution context',
      detail ? formatField(detail.execution_context) : pending,
    ],
    [
      'Workflow',
      detail ? workflowLabel(order, detail, workflowTitle) : order.workflow_id,
    ],
    ['Order id', order.id],
    [
      'Expires',
      detail ? (
        <>
          <RelativeTime value={detail.expires_at} /> ({exact(detail.expires_at)}
          )
        </>
      ) : (
        pending
      ),
    ],
  ] as const;
}

/**
 * Everything known about one order, loaded when the row is clicked. The list's values are shown at
 * once; the rest, and when the order expires, follow from `GET /orders/:orderId`.
 */
export function OrderDetailDialog(props: {
  order: WorkflowOrderListItem;
  /** The title of the workflow's catalog entity, shown when the order has no stored name. */
  workflowTitle?: string;
  onClose: () => void;
}) {
  const { order, workflowTitle, onClose } = props;
  const api = useApi(workflowOrdersApiRef);
  const detail = useAsyncRetry(
    () => api.getOrder({ orderId: order.id }),
    [api, order.id],
  );

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="order-detail-title"
    >
      <DialogTitle id="order-detail-title">
        {formatField(order.order_direction)}{' '}
        {formatNumber(order.order_quantity)} {formatField(order.order_code)}
      </DialogTitle>
      <DialogContent dividers>
        {detail.error && (
          <ErrorWithRetry
            title="Could not load the order's details"
            error={detail.error}
            onRetry={detail.retry}
          />
        )}
        {detail.loading && <Progress />}
        <Table size="small" aria-label="Order details">
          <TableBody>
            {rows(order, detail.value, workflowTitle).map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row">
                  {label}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
