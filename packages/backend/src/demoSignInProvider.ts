import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The auth provider id of the demo sign-in: the app signs in at `/api/auth/demo/refresh`. */
export const DEMO_PROVIDER_ID = 'demo';

/** The request header that names the catalog user to sign in as, e.g. `tara`. */
export const DEMO_USER_HEADER = 'x-workflow-orders-demo-user';

/** What the demo authenticator found in a request: the name of a User entity. */
export interface DemoSignInResult {
  userName: string;
}

/**
 * Reads the user from {@link DEMO_USER_HEADER}. Anyone who can reach the backend can claim to be
 * anyone, which is why the module refuses to run outside `auth.environment: development`.
 */
export const demoAuthenticator = createProxyAuthenticator<
  void,
  DemoSignInResult,
  undefined
>({
  defaultProfileTransform: async ({ userName }, ctx) => {
    // Unknown users stop here: findCatalogUser throws when the catalog has no such user.
    const { entity } = await ctx.findCatalogUser({
      entityRef: { kind: 'User', name: userName },
    });
    const profile = entity.spec?.profile as
      { displayName?: string; email?: string } | undefined;
    return {
      profile: {
        displayName: profile?.displayName ?? userName,
        email: profile?.email,
      },
    };
  },
  initialize() {},
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER);
    if (!userName || !/^[a-z0-9][a-z0-9._-]*$/i.test(userName)) {
      throw new AuthenticationError(
        `Choose who to sign in as: send the name of a catalog user in the ${DEMO_USER_HEADER} header`,
      );
    }
    return { result: { userName } };
  },
});

/**
 * Development-only sign-in as any user of the demo catalog, so the local portal shows what each
 * identity may see. Configured by `auth.providers.demo: {}`.
 */
export const demoSignInProviderModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const environment = config.getOptionalString('auth.environment');
        if (environment !== 'development') {
          throw new Error(
            `The demo sign-in lets anyone be anyone and runs only with auth.environment: development, not ${
              environment ?? 'unset'
            }`,
          );
        }
        providers.registerProvider({
          providerId: DEMO_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({
                entityRef: { kind: 'User', name: result.userName },
              }),
          }),
        });
      },
    });
  },
});
