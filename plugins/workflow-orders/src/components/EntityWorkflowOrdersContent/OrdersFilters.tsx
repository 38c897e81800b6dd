import { Flex, Select } from '@backstage/ui';
import { CodeFilter } from '../common';
import { OrdersQuery } from '../../hooks/useWorkflowOrders';

const ALL = 'all';

const DIRECTIONS = [
  { id: ALL, label: 'All directions' },
  { id: 'BUY', label: 'Buy' },
  { id: 'SELL', label: 'Sell' },
];

const SORTS = [
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
];

/** The Orders tab's sort and filters: order, direction and asset code. */
export function OrdersFilters(props: {
  query: OrdersQuery;
  onChange: (changes: Partial<OrdersQuery>) => void;
}) {
  const { query, onChange } = props;
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <Select
        label="Direction"
        options={DIRECTIONS}
        value={query.direction ?? ALL}
        onChange={key =>
          onChange({
            direction: key === 'BUY' || key === 'SELL' ? key : undefined,
          })
        }
      />
      <CodeFilter code={query.code} onChange={code => onChange({ code })} />
      <Select
        label="Sort"
        options={SORTS}
        value={query.sort ?? 'newest'}
        onChange={key =>
          onChange({ sort: key === 'oldest' ? 'oldest' : undefined })
        }
      />
    </Flex>
  );
}
