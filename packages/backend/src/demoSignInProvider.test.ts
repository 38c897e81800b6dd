import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import {
  demoAuthenticator,
  demoSignInProviderModule,
  DEMO_USER_HEADER,
} from './demoSignInProvider';

type Request = Parameters<typeof demoAuthenticator.authenticate>[0]['req'];

const requestAs = (user?: string) =>
  ({
    header: (name: string) =>
      name.toLowerCase() === DEMO_USER_HEADER ? user : undefined,
  }) as unknown as Request;

describe('demoAuthenticator', () => {
  it('reads the user to sign in as from the header', async () => {
    const { result } = await demoAuthenticator.authenticate(
      { req: requestAs('tara') },
      undefined,
    );

    expect(result).toEqual({ userName: 'tara' });
  });

  it.each([undefined, '', 'user:default/tara', '../tara'])(
    'refuses a request whose header names no user (%p)',
    async user => {
      await expect(
        demoAuthenticator.authenticate({ req: requestAs(user) }, undefined),
      ).rejects.toThrow(AuthenticationError);
    },
  );
});

describe('demoSignInProviderModule', () => {
  const start = (environment: string) => {
    const registerProvider = jest.fn();
    const backend = startTestBackend({
      extensionPoints: [[authProvidersExtensionPoint, { registerProvider }]],
      features: [
        demoSignInProviderModule,
        mockServices.rootConfig.factory({ data: { auth: { environment } } }),
      ],
    });
    return { backend, registerProvider };
  };

  it('registers the demo provider in development', async () => {
    const { backend, registerProvider } = start('development');

    await (await backend).stop();

    expect(registerProvider).toHaveBeenCalledWith(
      expect.objectContaining({ providerId: 'demo' }),
    );
  });

  it('refuses to start in any other environment', async () => {
    const { backend, registerProvider } = start('production');

    await expect(backend).rejects.toThrow(/auth.environment: development/);
    expect(registerProvider).not.toHaveBeenCalled();
  });
});
