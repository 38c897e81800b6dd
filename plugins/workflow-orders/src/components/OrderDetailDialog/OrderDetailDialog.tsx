import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Button,
  ButtonLink,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Text,
} from '@backstage/ui';
import { useApi } from '@backstage/core-plugin-api';
import {
  WorkflowOrderDetail,
  WorkflowOrderListItem,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../../api';
import { CopyLinkButton } from './CopyLinkButton';
import {
  DirectionTag,
  ErrorWithRetry,
  Loading,
  RelativeTime,
  UNKNOWN,
  formatField,
  formatLocalTime,
  formatNumber,
  formatUtcTime,
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

/** A time of the detail: relative, then exact in the reader's zone and in UTC. */
function Exact({ iso }: { iso: string }) {
  const time = new Date(iso);
  return (
    <>
      <RelativeTime value={iso} />
      <Text as="span" variant="body-small">
        {' '}
        · {formatLocalTime(time)} · {formatUtcTime(time)}
      </Text>
    </>
  );
}

function rows(
  order: WorkflowOrderListItem,
  detail: WorkflowOrderDetail | undefined,
  workflowTitle: string | undefined,
): [string, ReactNode][] {
  const pending = '…';
  const more = (value: (d: WorkflowOrderDetail) => ReactNode) =>
    detail ? value(detail) : pending;
  return [
    ['Placed', <Exact iso={order.placed_at} />],
    ['Direction', <DirectionTag direction={order.order_direction} />],
    ['Quantity', formatNumber(order.order_quantity)],
    ['Price', formatNumber(order.order_price)],
    ['Asset code', formatField(order.order_code)],
    ['Asset type', more(d => formatField(d.asset_type))],
    ['Order type', formatField(order.order_type)],
    ['Trigger close', more(d => formatField(d.trigger_close))],
    ['Execution context', more(d => formatField(d.execution_context))],
    [
      'Workflow',
      detail ? workflowLabel(order, detail, workflowTitle) : order.workflow_id,
    ],
    ['Order id', order.id],
    ['Expires', more(d => <Exact iso={d.expires_at} />)],
  ];
}

/** Props of {@link OrderDetailDialog}. */
export interface OrderDetailDialogProps {
  order: WorkflowOrderListItem;
  /** The title of the workflow's catalog entity, shown when the order has no stored name. */
  workflowTitle?: string;
  /** Where the workflow's Orders tab is; when given, the dialog links to it. */
  ordersTabHref?: string;
  /** The order's detail when it was already read (an opened link), so it is not read again. */
  detail?: WorkflowOrderDetail;
  /** The order's own link; when given, the dialog offers to copy it. */
  href?: string;
  onClose: () => void;
}

/**
 * Everything known about one order, in a Backstage UI dialog that Escape, the close button and a
 * click outside close. The list's values are shown at once; the rest, and when the order expires,
 * follow from `GET /orders/:orderId`.
 */
export function OrderDetailDialog(props: OrderDetailDialogProps) {
  const { order, workflowTitle, ordersTabHref, href, onClose } = props;
  const api = useApi(workflowOrdersApiRef);
  const known = props.detail;
  const detail = useAsyncRetry(
    async () => known ?? api.getOrder({ orderId: order.id }),
    [api, order.id, known],
  );

  return (
    <Dialog isOpen onOpenChange={open => !open && onClose()} width={640}>
      <DialogHeader>
        {formatField(order.order_direction)}{' '}
        {formatNumber(order.order_quantity)} {formatField(order.order_code)}
      </DialogHeader>
      <DialogBody>
        {detail.error && (
          <ErrorWithRetry
            title="Could not load the order's details"
            error={detail.error}
            onRetry={detail.retry}
          />
        )}
        {detail.loading && <Loading label="Loading the order" lines={1} />}
        <dl
          aria-label="Order details"
          style={{
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 'var(--bui-space-4)',
            rowGap: 'var(--bui-space-2)',
            margin: 0,
          }}
        >
          {rows(order, detail.value, workflowTitle).map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>
                <Text variant="body-medium">{label}</Text>
              </dt>
              <dd style={{ margin: 0 }}>
                <Text variant="body-medium">{value}</Text>
              </dd>
            </div>
          ))}
        </dl>
      </DialogBody>
      <DialogFooter>
        {href && <CopyLinkButton href={href} />}
        {ordersTabHref && (
          <ButtonLink href={ordersTabHref} variant="secondary">
            All orders of this workflow
          </ButtonLink>
        )}
        <Button variant="primary" onPress={onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
