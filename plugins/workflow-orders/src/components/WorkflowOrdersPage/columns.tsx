import { Badge, Cell, ColumnConfig, Flex, Link } from '@backstage/ui';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { LatestOrderRow } from '../../hooks/useLatestOrders';
import { ArrivedTag } from '../../live/ArrivedTag';
import { UNKNOWN, orderColumns, whenColumn } from '../common';

/** What marks a workflow whose id no catalog entity carries, such as a deleted one. */
export const NOT_IN_CATALOG = 'Not in the catalog';

/** The title a row names its workflow by: the entity's, else the stored name. */
export function workflowTitleOf(row: LatestOrderRow): string {
  const entity = row.entity;
  return (
    entity?.metadata.title ??
    entity?.metadata.name ??
    row.workflow_name ??
    UNKNOWN
  );
}

/** The link to a workflow's entity page, or its stored name marked as not in the catalog. */
function WorkflowName({ row }: { row: LatestOrderRow }) {
  const entityLink = useEntityRefLink();
  if (row.entity) {
    return <Link href={entityLink(row.entity)}>{workflowTitleOf(row)}</Link>;
  }
  return (
    <Flex gap="2" align="center">
      <span>{row.workflow_name ?? row.workflow_id}</span>
      <Badge size="small">{NOT_IN_CATALOG}</Badge>
    </Flex>
  );
}

/** The columns of the Workflow orders page, as the issue lists them. */
export const latestOrderColumns: ColumnConfig<LatestOrderRow>[] = [
  whenColumn(),
  {
    id: 'workflow',
    label: 'Workflow',
    isRowHeader: true,
    cell: row => (
      <Cell>
        {row.arrived ? (
          <Flex gap="2" align="center">
            <WorkflowName row={row} />
            <ArrivedTag />
          </Flex>
        ) : (
          <WorkflowName row={row} />
        )}
      </Cell>
    ),
  },
  ...orderColumns(),
];
