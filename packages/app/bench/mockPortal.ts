/*
 * What the portal's backend answers the app, as far as a cold load of the catalog list needs it: a
 * signed-in demo user, the two workflows of catalog.json (the catalog's own answer), and a Last order
 * of an hour ago for each.
 */
import type { BrowserContext } from 'playwright-core';
import WORKFLOWS from './catalog.json';

/** The workflows of the catalog, as the catalog answers them. */
export { WORKFLOWS };

function base64Url(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** What the backend would answer `method` on `url` with `body`. */
function answer(method: string, url: URL, body: string | null): unknown {
  const path = url.pathname.replace(/^\/api/, '');
  if (path === '/auth/demo/refresh') {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    return {
      profile: { displayName: 'Tara' },
      backstageIdentity: {
        token: `${base64Url({ alg: 'none' })}.${base64Url({ sub: 'user:default/tara', exp })}.x`,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/tara',
          ownershipEntityRefs: ['user:default/tara'],
        },
      },
    };
  }
  if (path === '/catalog/entities/by-query') {
    return { items: WORKFLOWS, totalItems: WORKFLOWS.length, pageInfo: {} };
  }
  if (path === '/catalog/entities') return WORKFLOWS;
  if (path === '/catalog/entity-facets') {
    return {
      facets: Object.fromEntries(
        url.searchParams
          .getAll('facet')
          .map(facet => [
            facet,
            facet === 'kind' ? [{ value: 'Component', count: 2 }] : [],
          ]),
      ),
    };
  }
  if (path === '/catalog/entities/by-refs' && method === 'POST') {
    const { entityRefs = [] } = JSON.parse(body ?? '{}');
    return { items: entityRefs.map(() => null) };
  }
  if (path === '/workflow-orders/summaries' && method === 'POST') {
    const { workflow_ids: ids = [] } = JSON.parse(body ?? '{}');
    return {
      summaries: ids.map((id: string) => ({
        workflow_id: id,
        last_order_timestamp: new Date(Date.now() - 3_600_000).toISOString(),
        last_order_direction: 'BUY',
        last_order_quantity: 1,
        last_order_price: 18250.5,
        last_order_code: 'DE40',
      })),
    };
  }
  return {};
}

/**
 * Signs the browser in as Tara (the demo sign-in page signs in at once as the user it remembers)
 * and answers its calls to `/api/**` as the portal's backend would.
 */
export async function mockPortal(context: BrowserContext) {
  await context.addInitScript(() =>
    window.localStorage.setItem('workflow-orders.demo-user', 'tara'),
  );
  await context.route('**/api/**', route => {
    const request = route.request();
    return route.fulfill({
      json: answer(
        request.method(),
        new URL(request.url()),
        request.postData(),
      ),
    });
  });
}
