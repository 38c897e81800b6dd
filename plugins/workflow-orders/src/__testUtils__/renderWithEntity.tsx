import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { WorkflowOrdersApi, workflowOrdersApiRef } from '../api';
import { workflowEntity } from '../mocks/fixtures';
import { createTestClient } from './mockBackend';

/**
 * Renders a component of the entity page for `entity`, talking to the mock backend. The permission
 * framework allows everything unless `permission` says otherwise.
 */
export function renderWithEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    api?: WorkflowOrdersApi;
    permission?: PermissionApi;
    /** The URL the test app starts at, such as `/?direction=sell`. */
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [workflowOrdersApiRef, options.api ?? createTestClient()],
        [permissionApiRef, options.permission ?? mockApis.permission()],
      ]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { routeEntries: options.routeEntries },
  );
}

/** Renders a component of the entity page of `workflow`'s entity, as {@link renderWithEntity}. */
export function renderForWorkflow(
  element: ReactElement,
  workflow: { id: string; name: string },
) {
  return renderWithEntity(element, { entity: workflowEntity(workflow) });
}
