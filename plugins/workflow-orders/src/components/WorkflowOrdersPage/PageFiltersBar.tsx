import { Alert, Flex, Select } from '@backstage/ui';
import { CodeFilter } from '../common';
import { MAX_LATEST_ORDERS_WORKFLOWS } from '@workflow-orders/plugin-workflow-orders-common';
import {
  OwnedWorkflows,
  useOwnerGroups,
} from '../../hooks/useCatalogWorkflows';
import { PageFilters } from './usePageFilters';
import { WorkflowFilter } from './WorkflowFilter';

const ALL = 'all';

const DIRECTIONS = [
  { id: ALL, label: 'All directions' },
  { id: 'BUY', label: 'Buy' },
  { id: 'SELL', label: 'Sell' },
];

/**
 * The filters of the Workflow orders page: workflow, direction, owner and asset code. What the
 * owner filter cannot ask for at once (more workflows than one request names) is said, not hidden.
 */
export function PageFiltersBar(props: {
  filters: PageFilters;
  owned?: OwnedWorkflows;
  onChange: <K extends keyof PageFilters>(
    name: K,
    value: PageFilters[K],
  ) => void;
}) {
  const { filters, owned, onChange } = props;
  const { groups } = useOwnerGroups();
  const ownerOptions = [{ id: ALL, label: 'All owners' }, ...groups];

  return (
    <Flex direction="column" gap="3">
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <WorkflowFilter
          workflowId={filters.workflow}
          onChange={id => onChange('workflow', id)}
        />
        <Select
          label="Direction"
          options={DIRECTIONS}
          selectedKey={filters.direction ?? ALL}
          onSelectionChange={key =>
            onChange(
              'direction',
              key === 'BUY' || key === 'SELL' ? key : undefined,
            )
          }
        />
        <Select
          label="Owner"
          options={ownerOptions}
          search={{ placeholder: 'Search groups' }}
          selectedKey={filters.owner ?? ALL}
          onSelectionChange={key =>
            onChange('owner', key && key !== ALL ? String(key) : undefined)
          }
        />
        <CodeFilter
          code={filters.code}
          onChange={code => onChange('code', code || undefined)}
        />
      </Flex>
      {owned && owned.total > owned.workflowIds.length && (
        <Alert
          status="warning"
          title={`This group owns ${owned.total} workflows; the page shows the latest orders of the first ${MAX_LATEST_ORDERS_WORKFLOWS}.`}
        />
      )}
    </Flex>
  );
}
