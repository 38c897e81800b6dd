import { useEffect, useState } from 'react';
import { Flex, SearchField, Select } from '@backstage/ui';
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

/** How long typing in the asset code pauses before the orders are asked for again. */
const CODE_DEBOUNCE_MS = 400;

/** The asset code filter: applies once typing pauses, and at once on Enter. */
function CodeFilter(props: {
  code?: string;
  onChange: (code: string | undefined) => void;
}) {
  const { code, onChange } = props;
  const [input, setInput] = useState(code ?? '');
  useEffect(() => setInput(code ?? ''), [code]);
  useEffect(() => {
    const typed = input.trim().toUpperCase() || undefined;
    if (typed === code) return undefined;
    const timer = setTimeout(() => onChange(typed), CODE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // A new `code` from the URL resets the field above; only typing applies it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input]);
  return (
    <SearchField
      label="Asset code"
      placeholder="e.g. DAX.I"
      value={input}
      onChange={setInput}
      onSubmit={value => onChange(value.trim() || undefined)}
      onClear={() => onChange(undefined)}
    />
  );
}

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
