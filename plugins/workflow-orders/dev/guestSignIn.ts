import { http, HttpResponse } from 'msw';

const base64Url = (value: object) =>
  btoa(JSON.stringify(value))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * The guest sign-in of the auth backend, answered in the browser so the dev app needs no backend.
 * The token is unsigned: nothing in the dev app verifies it.
 */
export const guestSignInHandler = http.get('*/api/auth/guest/refresh', () => {
  const userEntityRef = 'user:development/guest';
  const token = [
    base64Url({ alg: 'none', typ: 'JWT' }),
    base64Url({
      sub: userEntityRef,
      ent: [userEntityRef],
      exp: Math.floor(Date.now() / 1000) + 86400,
    }),
    '',
  ].join('.');
  return HttpResponse.json({
    profile: { displayName: 'Guest trader' },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef],
      },
    },
  });
});
