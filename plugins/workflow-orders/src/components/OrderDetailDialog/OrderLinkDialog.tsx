import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
} from '@backstage/ui';
import { useApi } from '@backstage/core-plugin-api';
import { WorkflowOrderListItem } from '@workflow-orders/plugin-workflow-orders-common';
import { workflowOrdersApiRef } from '../../api';
import { ErrorWithRetry, Loading } from '../common';
import { OrderDetailDialog } from './OrderDetailDialog';

/** Props of {@link OrderLinkDialog}. */
export interface OrderLinkDialogProps {
  /** The order the link names. */
  orderId: string;
  /** The order as the list shows it, when it is on the list; else it is read by its id. */
  listed?: WorkflowOrderListItem;
  /** The link to the order, which the dialog offers to copy. */
  href?: string;
  /** The title of the workflow's catalog entity, shown when the order has no stored name. */
  workflowTitle?: string;
  onClose: () => void;
}

/**
 * The detail of the order a link names: at once for an order on the list, else once
 * `GET /orders/:orderId` answers. An order that is unknown, expired or of a workflow the user may
 * not see shows the backend's "not found".
 */
export function OrderLinkDialog(props: OrderLinkDialogProps) {
  const { orderId, listed, href, workflowTitle, onClose } = props;
  const api = useApi(workflowOrdersApiRef);
  const read = useAsyncRetry(
    async () => (listed ? undefined : api.getOrder({ orderId })),
    [api, orderId, listed === undefined],
  );

  const order = listed ?? read.value;
  if (order) {
    return (
      <OrderDetailDialog
        order={order}
        detail={listed ? undefined : read.value}
        workflowTitle={workflowTitle}
        href={href}
        onClose={onClose}
      />
    );
  }
  return (
    <Dialog isOpen onOpenChange={open => !open && onClose()} width={640}>
      <DialogHeader>Order {orderId}</DialogHeader>
      <DialogBody>
        {read.loading && <Loading label="Loading the order" lines={1} />}
        <ErrorWithRetry
          title="Could not open the order"
          error={read.error}
          onRetry={read.retry}
        />
      </DialogBody>
      <DialogFooter>
        <Button variant="primary" onPress={onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
