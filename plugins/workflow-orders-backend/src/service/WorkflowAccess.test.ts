import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';
import { randomUUID } from 'node:crypto';
import {
  allowAll,
  ENTITIES,
  HIDDEN,
  operations,
  permissionsWith,
  trader,
  UNLINKED,
  VISIBLE,
  workflowEntity,
  type TestPolicy,
} from '../__testUtils__/access';
import { createWorkflowAccess } from './WorkflowAccess';

// ENTITIES carry VISIBLE, and HIDDEN in upper case; a trader may read VISIBLE's entity only.
const credentials = mockCredentials.user('user:default/alice');
const read = (resourceRef: string) => ({
  permission: workflowOrdersReadPermission,
  resourceRef,
});
const readUnlinked = { permission: workflowOrdersReadUnlinkedPermission };

function setup(policy: TestPolicy, entities: Entity[] = ENTITIES) {
  const catalog = catalogServiceMock({ entities });
  jest.spyOn(catalog, 'queryEntities');
  const permissions = permissionsWith(policy);
  const access = createWorkflowAccess({ catalog, permissions });
  return { access, catalog, permissions };
}

describe('createWorkflowAccess', () => {
  describe('decide', () => {
    it('allows a workflow through its entity, asking the catalog and the policy with the caller', async () => {
      // Prepare
      const { access, catalog, permissions } = setup(trader);

      // Act
      const decisions = await access.decide({
        workflowIds: [VISIBLE],
        credentials,
      });

      // Assess
      expect(decisions).toEqual(['allowed']);
      expect(catalog.queryEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          query: {
            'metadata.annotations.workflow-orders/workflow-id': {
              $in: [VISIBLE],
            },
          },
        }),
        { credentials },
      );
      expect(permissions.authorize).toHaveBeenCalledWith(
        [read('component:default/dax-breakout')],
        { credentials },
      );
    });

    it('denies a workflow whose entity the policy refuses, whatever the case of its annotation', async () => {
      const { access, permissions } = setup(trader);

      const decisions = await access.decide({
        workflowIds: [HIDDEN],
        credentials,
      });

      expect(decisions).toEqual(['denied']);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [read('component:default/nikkei-momentum')],
        { credentials },
      );
    });

    it('allows a workflow whose annotation is in upper case to a caller who may read its entity', async () => {
      const { access } = setup(allowAll);

      expect(
        await access.decide({ workflowIds: [HIDDEN], credentials }),
      ).toEqual(['allowed']);
    });

    it.each([
      ['without', trader, 'unknown'],
      ['with', operations, 'allowed'],
    ] as const)(
      'decides a workflow no entity carries %s the read-unlinked permission as %s',
      async (_with, policy, decision) => {
        const { access, permissions } = setup(policy);

        const decisions = await access.decide({
          workflowIds: [UNLINKED, HIDDEN],
          credentials,
        });

        expect(decisions).toEqual([decision, 'denied']);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [read('component:default/nikkei-momentum'), readUnlinked],
          { credentials },
        );
      },
    );

    it('allows a workflow when any of the entities carrying it may be read', async () => {
      const shared = [
        workflowEntity('dax-breakout', VISIBLE),
        workflowEntity('nikkei-momentum', VISIBLE),
      ];
      const some = setup(trader, shared);
      const none = setup(() => false, shared);

      const [allowed] = await some.access.decide({
        workflowIds: [VISIBLE],
        credentials,
      });
      const [denied] = await none.access.decide({
        workflowIds: [VISIBLE],
        credentials,
      });

      expect(allowed).toBe('allowed');
      expect(denied).toBe('denied');
    });

    it('answers in the order asked, repeated ids included', async () => {
      const { access } = setup(trader);

      const decisions = await access.decide({
        workflowIds: [HIDDEN, VISIBLE, UNLINKED, VISIBLE],
        credentials,
      });

      expect(decisions).toEqual(['denied', 'allowed', 'unknown', 'allowed']);
    });

    it('asks nothing for no workflow', async () => {
      const { access, catalog, permissions } = setup(trader);

      expect(await access.decide({ workflowIds: [], credentials })).toEqual([]);
      expect(catalog.queryEntities).not.toHaveBeenCalled();
      expect(permissions.authorize).not.toHaveBeenCalled();
    });

    it('decides 500 workflows with one catalog query and one authorization', async () => {
      // Prepare
      const kinds = ['allowed', 'denied', 'unknown'] as const;
      const workflows = Array.from({ length: 500 }, (_, index) => ({
        id: randomUUID(),
        kind: kinds[index % 3],
      }));
      const entities = workflows
        .filter(workflow => workflow.kind !== 'unknown')
        .map(workflow =>
          workflowEntity(`${workflow.kind}-${workflow.id}`, workflow.id),
        );
      const { access, catalog, permissions } = setup(
        target => target.includes('/allowed-'),
        entities,
      );

      // Act
      const decisions = await access.decide({
        workflowIds: workflows.map(workflow => workflow.id),
        credentials,
      });

      // Assess
      expect(decisions).toEqual(workflows.map(workflow => workflow.kind));
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(permissions.authorize).toHaveBeenCalledTimes(1);
      expect(permissions.authorize.mock.calls[0][0]).toHaveLength(
        entities.length + 1,
      );
    });
  });

  describe('decideAll', () => {
    it("lists a trader's workflows and decides any other, with one query and one authorization", async () => {
      // Prepare
      const { access, catalog, permissions } = setup(trader);

      // Act
      const all = await access.decideAll({ credentials });

      // Assess
      expect(all).toMatchObject({
        anyAllowed: true,
        allAllowed: false,
        allowedIds: [VISIBLE],
      });
      expect([VISIBLE, HIDDEN, UNLINKED].map(all.decisionOf)).toEqual([
        'allowed',
        'denied',
        'unknown',
      ]);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(catalog.queryEntities).toHaveBeenCalledWith(
        expect.objectContaining({
          query: {
            'metadata.annotations.workflow-orders/workflow-id': {
              $exists: true,
            },
          },
        }),
        { credentials },
      );
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          read('component:default/dax-breakout'),
          read('component:default/nikkei-momentum'),
          readUnlinked,
        ],
        { credentials },
      );
    });

    it.each([
      [
        'operations',
        operations,
        { anyAllowed: true, allAllowed: false, allowedIds: undefined },
        'allowed',
      ],
      [
        'a caller who may read everything',
        allowAll,
        { anyAllowed: true, allAllowed: true, allowedIds: undefined },
        'allowed',
      ],
      [
        'a caller who may read nothing',
        () => false,
        { anyAllowed: false, allAllowed: false, allowedIds: [] },
        'unknown',
      ],
    ] as const)(
      'answers %s with %j, deciding unlinked workflows as %s',
      async (_caller, policy, expected, unlinked) => {
        const { access } = setup(policy);

        const all = await access.decideAll({ credentials });

        expect(all).toEqual({ ...expected, decisionOf: expect.any(Function) });
        expect(all.decisionOf(UNLINKED)).toBe(unlinked);
      },
    );

    it('follows the catalog past its first page', async () => {
      const entities = Array.from({ length: 1001 }, (_, index) =>
        workflowEntity(`workflow-${index}`, randomUUID()),
      );
      const { access, catalog } = setup(trader, entities);

      const all = await access.decideAll({ credentials });

      expect(all.allowedIds).toHaveLength(1001);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
    });
  });
});
