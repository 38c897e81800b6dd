import { useEffect } from 'react';
import { Text } from '@backstage/ui';
import { Entity } from '@backstage/catalog-model';
import {
  WorkflowOrderSummary,
  isUuid,
} from '@workflow-orders/plugin-workflow-orders-common';
import { workflowIdOf } from '../../conditions';
import { useOrderSummary } from '../../hooks/useOrderSummaries';
import {
  DirectionTag,
  HoverDetails,
  describeError,
  RelativeTime,
  formatField,
  formatNumber,
} from '../common';
import { LastOrderSortKeys } from './sortKeys';

/** The tooltip's lines below the exact times: what the order was. */
function OrderLines({ summary }: { summary: WorkflowOrderSummary }) {
  return (
    <>
      {'\n'}
      {`${formatField(summary.last_order_direction)} ${formatField(summary.last_order_code)}`}
      {'\n'}
      {`Price ${formatNumber(summary.last_order_price)} · Quantity ${formatNumber(summary.last_order_quantity)}`}
    </>
  );
}

function Summary(props: { workflowId: string; sortKeys?: LastOrderSortKeys }) {
  const { workflowId, sortKeys } = props;
  const entry = useOrderSummary(workflowId);
  const placedAt =
    entry?.status === 'loaded'
      ? entry.summary?.last_order_timestamp
      : undefined;
  useEffect(() => {
    if (entry?.status === 'loaded') sortKeys?.record(workflowId, placedAt);
  }, [entry, placedAt, sortKeys, workflowId]);

  if (!entry || entry.status === 'loading') {
    return <Text variant="body-small">…</Text>;
  }
  if (entry.status === 'error') {
    return (
      <HoverDetails nowrap details={describeError(entry.error).message}>
        <Text variant="body-small" color="danger">
          Unavailable
        </Text>
      </HoverDetails>
    );
  }
  // A workflow the user may not see has no summary, and its cell stays empty.
  if (entry.summary === null) return null;
  const { summary } = entry;
  if (!placedAt) {
    return (
      <Text variant="body-small" style={{ whiteSpace: 'nowrap' }}>
        No orders yet
      </Text>
    );
  }
  return (
    <Text variant="body-small" style={{ whiteSpace: 'nowrap' }}>
      <RelativeTime
        value={placedAt}
        timeStyle="narrow"
        details={<OrderLines summary={summary} />}
      >
        {summary.last_order_direction && (
          <>
            {' '}
            <DirectionTag direction={summary.last_order_direction} />
          </>
        )}
      </RelativeTime>
    </Text>
  );
}

/**
 * The last-order cell of one row of the workflows list, on one line: "54m ago" and a BUY or SELL
 * tag, with the exact time (reader's zone and UTC), asset, price and quantity on hover and focus.
 * Nothing for entities that are not workflows or whose orders the user may not see, and a hint, not
 * a failed request for everyone, when the annotation is not a UUID.
 */
export function LastOrderCell(props: {
  entity: Entity;
  sortKeys?: LastOrderSortKeys;
}) {
  const workflowId = workflowIdOf(props.entity);
  if (!workflowId) return null;
  if (!isUuid(workflowId)) {
    return (
      <Text variant="body-small" style={{ whiteSpace: 'nowrap' }}>
        Invalid workflow id
      </Text>
    );
  }
  return <Summary workflowId={workflowId} sortKeys={props.sortKeys} />;
}
