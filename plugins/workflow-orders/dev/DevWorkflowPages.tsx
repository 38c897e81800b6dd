import { useParams } from 'react-router-dom';
import { Grid } from '@backstage/ui';
import {
  Content,
  Header,
  HeaderLabel,
  Link,
  Page,
  TabbedLayout,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { CatalogTableRow } from '@backstage/plugin-catalog';
import { createLastOrderColumn } from '../src';
import { EntityLastOrderCard } from '../src/components/EntityLastOrderCard';
import { EntityWorkflowOrdersContent } from '../src/components/EntityWorkflowOrdersContent';
import { demoWorkflows } from '../src/mocks/demoWorkflows';
import {
  catalogTableRow,
  unrelatedEntity,
  workflowEntity,
} from '../src/mocks/fixtures';

/** The catalog of the dev app: every mock workflow and one entity that is not a workflow. */
export const devEntities = [
  ...demoWorkflows().map(workflowEntity),
  unrelatedEntity(),
];

const rows = devEntities.map(catalogTableRow);

const columns: TableColumn<CatalogTableRow>[] = [
  {
    title: 'Name',
    field: 'resolved.name',
    render: ({ entity }) => (
      <Link to={`/workflows/${entity.metadata.name}`}>
        {entity.metadata.title}
      </Link>
    ),
  },
  { title: 'Type', field: 'entity.spec.type' },
  { title: 'Owner', field: 'entity.spec.owner' },
  createLastOrderColumn(),
];

/** A catalog-like list of workflows with the last-order column. */
export function DevWorkflowListPage() {
  return (
    <Page themeId="home">
      <Header
        title="Workflows"
        subtitle="The last-order column against the mock backend"
      >
        <HeaderLabel label="Mode" value="Development (msw)" />
      </Header>
      <Content>
        <Table<CatalogTableRow>
          title="Trading workflows"
          columns={columns}
          data={rows}
          options={{ paging: true, pageSize: 5, pageSizeOptions: [5, 10] }}
        />
      </Content>
    </Page>
  );
}

/** A workflow's entity page: the Last order card on the overview, and the Orders tab. */
export function DevWorkflowPage() {
  const { name } = useParams();
  const entity = devEntities.find(e => e.metadata.name === name);
  if (!entity) {
    return <WarningPanel title={`No workflow named ${name}`} />;
  }
  return (
    <EntityProvider entity={entity}>
      <Page themeId="service">
        <Header
          title={entity.metadata.title ?? entity.metadata.name}
          type="workflow"
        />
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Overview">
            <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
              <Grid.Item>
                <EntityLastOrderCard />
              </Grid.Item>
            </Grid.Root>
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/orders" title="Orders">
            <EntityWorkflowOrdersContent />
          </TabbedLayout.Route>
        </TabbedLayout>
      </Page>
    </EntityProvider>
  );
}
