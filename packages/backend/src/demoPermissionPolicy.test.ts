import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  workflowOrdersReadPermission,
  workflowOrdersReadUnlinkedPermission,
} from '@workflow-orders/plugin-workflow-orders-common';
import { DemoPermissionPolicy } from './demoPermissionPolicy';

const memberOf = (...groups: string[]) => {
  const ownershipEntityRefs = ['user:default/someone', ...groups];
  const userInfo: UserInfoService = {
    getUserInfo: async () => ({
      userEntityRef: 'user:default/someone',
      ownershipEntityRefs,
    }),
  };
  return {
    policy: new DemoPermissionPolicy(userInfo),
    user: {
      credentials: {} as BackstageCredentials,
      info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
    },
    ownershipEntityRefs,
  };
};

describe('DemoPermissionPolicy', () => {
  it('lets a desk read the orders of the entities it owns, and only those', async () => {
    const { policy, user, ownershipEntityRefs } = memberOf(
      'group:default/trading-desk',
    );

    const decision = await policy.handle(
      { permission: workflowOrdersReadPermission },
      user,
    );

    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ownershipEntityRefs },
      },
    });
  });

  it('denies a desk the orders of workflows no entity carries', async () => {
    const { policy, user } = memberOf('group:default/quant-research');

    const decision = await policy.handle(
      { permission: workflowOrdersReadUnlinkedPermission },
      user,
    );

    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows operations every order, linked to an entity or not', async () => {
    const { policy, user } = memberOf('group:default/operations');

    const read = await policy.handle(
      { permission: workflowOrdersReadPermission },
      user,
    );
    const unlinked = await policy.handle(
      { permission: workflowOrdersReadUnlinkedPermission },
      user,
    );

    expect(read).toEqual({ result: AuthorizeResult.ALLOW });
    expect(unlinked).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everyone everything else, so the whole catalog is visible', async () => {
    const { policy, user } = memberOf('group:default/trading-desk');
    const other = createPermission({
      name: 'other-plugin.thing.read',
      attributes: { action: 'read' },
    });

    const catalog = await policy.handle(
      { permission: catalogEntityReadPermission },
      user,
    );
    const unrelated = await policy.handle({ permission: other }, user);

    expect(catalog).toEqual({ result: AuthorizeResult.ALLOW });
    expect(unrelated).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('owns nothing for a request without a user', async () => {
    const { policy } = memberOf();

    const decision = await policy.handle({
      permission: workflowOrdersReadPermission,
    });

    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });
});
