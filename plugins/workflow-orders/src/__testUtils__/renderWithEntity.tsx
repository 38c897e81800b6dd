import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { WorkflowOrdersApi, workflowOrdersApiRef } from '../api';
import { createTestClient } from './mockBackend';

/** Renders a component of the entity page for `entity`, talking to the mock backend. */
export function renderWithEntity(
  element: ReactElement,
  options: { entity: Entity; api?: WorkflowOrdersApi },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[workflowOrdersApiRef, options.api ?? createTestClient()]]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
