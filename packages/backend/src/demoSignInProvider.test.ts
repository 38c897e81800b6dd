import { AuthenticationError } from '@backstage/errors';
import { demoAuthenticator, DEMO_USER_HEADER } from './demoSignInProvider';

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
