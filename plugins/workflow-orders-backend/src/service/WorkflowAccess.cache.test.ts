import type { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { workflowEntity } from '../__testUtils__/access';
import { createWorkflowAccess } from './WorkflowAccess';

const A = '550e8400-e29b-41d4-a716-446655440000';
const B = '0b9f7c1e-8a2d-4e6f-b3c5-d7e9f1a3b5c7';

describe('createWorkflowAccess with a cache', () => {
  let nowMs = 1_000_000;
  const setup = (ttlMs = 10_000, maxSize = 1000) => {
    const catalog = catalogServiceMock({
      entities: [workflowEntity('a', A), workflowEntity('b', B)],
    });
    const query = jest.spyOn(catalog, 'queryEntities');
    let allowed = true;
    const authorize = jest.fn<
      ReturnType<PermissionsService['authorize']>,
      Parameters<PermissionsService['authorize']>
    >(async requests =>
      requests.map(() => ({
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
    );
    const access = createWorkflowAccess({
      catalog,
      permissions: { authorize } as unknown as PermissionsService,
      cache: { ttlMs, maxSize, now: () => nowMs },
    });
    return { access, query, authorize, deny: () => (allowed = false) };
  };
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it('decides once for a caller within the time, for the list, the tab and the page alike', async () => {
    // Prepare
    const { access, query, authorize } = setup();

    // Act
    const all = await access.decideAll({ credentials: alice });
    const one = await access.decide({ workflowIds: [A], credentials: alice });
    const many = await access.decide({
      workflowIds: [B, A],
      credentials: alice,
    });
    await access.decideAll({ credentials: alice });

    // Assess
    expect(all.allowedIds).toBeUndefined();
    expect(one).toEqual(['allowed']);
    expect(many).toEqual(['allowed', 'allowed']);
    expect(query).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('reuses single decisions and asks only for the workflows it has not decided', async () => {
    // Prepare
    const { access, authorize } = setup();

    // Act
    await access.decide({ workflowIds: [A], credentials: alice });
    await access.decide({ workflowIds: [A], credentials: alice });
    await access.decide({ workflowIds: [A, B], credentials: alice });

    // Assess
    expect(authorize).toHaveBeenCalledTimes(2);
    expect(authorize.mock.calls[1][0]).toEqual([
      expect.objectContaining({ resourceRef: 'component:default/b' }),
    ]);
  });

  it('lets a change of permissions reach the caller once the time has passed, and keeps callers apart', async () => {
    // Prepare
    const { access, authorize, deny } = setup(10_000);
    await access.decide({ workflowIds: [A], credentials: alice });
    deny();

    // Act
    const cached = await access.decide({
      workflowIds: [A],
      credentials: alice,
    });
    const other = await access.decide({ workflowIds: [A], credentials: bob });
    nowMs += 10_001;
    const later = await access.decide({ workflowIds: [A], credentials: alice });

    // Assess
    expect(cached).toEqual(['allowed']);
    expect(other).toEqual(['denied']);
    expect(later).toEqual(['denied']);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('keeps at most maxSize callers, and nothing with a time of 0', async () => {
    // Prepare
    const bounded = setup(10_000, 1);
    const none = setup(0);

    // Act
    await bounded.access.decide({ workflowIds: [A], credentials: alice });
    await bounded.access.decide({ workflowIds: [A], credentials: bob });
    await bounded.access.decide({ workflowIds: [A], credentials: alice });
    await none.access.decide({ workflowIds: [A], credentials: alice });
    await none.access.decide({ workflowIds: [A], credentials: alice });

    // Assess
    expect(bounded.authorize).toHaveBeenCalledTimes(3);
    expect(none.authorize).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed decision', async () => {
    // Prepare
    const { access, query } = setup();
    query.mockRejectedValueOnce(new Error('catalog down'));

    // Act
    const failed = access.decideAll({ credentials: alice });

    // Assess
    await expect(failed).rejects.toThrow('catalog down');
    await expect(access.decideAll({ credentials: alice })).resolves.toEqual(
      expect.objectContaining({ anyAllowed: true }),
    );
  });
});
