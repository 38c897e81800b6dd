import { randomUUID } from 'node:crypto';
import { demoWorkflow } from '@workflow-orders/local-portal';
import {
  DEMO_USER_HEADER,
  demoSignIn,
  expect,
  IDENTITIES,
  inWindow,
  LAST_ORDER_CELL,
  lastOrderCard,
  orderRows,
  signedInAs,
  signedOut,
  signInOnPage,
  test,
  type PortalInfo,
} from './fixtures';
import { callApi } from './support/api';

// Who sees which orders: "you see the orders of workflows your group owns; operations see all".
// Every person sees every workflow in the catalog; only the orders are kept to their owners.

const NO_PERMISSION = "You don't have permission to see this workflow's orders";

/** A desk, one workflow it owns with orders in the window, and one of the other desk's. */
const DESKS = [
  { identity: 'tara', own: 'fra40-breakout', other: 'dax-mean-reversion' },
  { identity: 'quinn', own: 'dax-mean-reversion', other: 'fra40-breakout' },
] as const;

/** Invokes read-only action `name` of the workflow-orders plugin with `token`. */
async function invokeAction(
  portal: PortalInfo,
  token: string,
  name: string,
  input: unknown,
) {
  const res = await callApi(
    portal.backendUrl,
    token,
    `/.backstage/actions/v1/actions/workflow-orders:${name}/invoke`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    },
  );
  return { status: res.status, body: (await res.json()) as any };
}

/** A 404 answer with the id it is about replaced, so two answers compare whatever their id. */
async function notFoundBody(res: Response, id: string) {
  expect(res.status).toBe(404);
  const body = (await res.json()) as {
    error: { name: string; message: string; stack?: string };
    response: unknown;
  };
  return JSON.parse(
    JSON.stringify({
      error: { name: body.error.name, message: body.error.message },
      response: body.response,
    }).replaceAll(id, '<id>'),
  );
}

for (const { identity, own, other } of DESKS) {
  test.describe(`as ${IDENTITIES[identity].button}`, () => {
    test.use(signedInAs(identity));

    test(`the Orders tab shows the orders of ${own} and, on ${other}, that ${identity} may not see them`, async ({
      page,
      entityUrl,
      ordersOf,
    }) => {
      const rows = await ordersOf(own, inWindow(own).length);
      expect(rows[0]).toContain(inWindow(own)[0].code);

      await page.goto(entityUrl(other, '/orders'));
      await expect(page.getByText(NO_PERMISSION)).toBeVisible();
      await expect(orderRows(page)).toHaveCount(0);
      await expect(page.getByText('No orders placed')).toHaveCount(0);
      await expect(page.getByText(inWindow(other)[0].code)).toHaveCount(0);
    });

    test(`the Last order card shows the last order of ${own} and, on ${other}, that ${identity} may not see it`, async ({
      page,
      entityUrl,
    }) => {
      await page.goto(entityUrl(own));
      await expect(lastOrderCard(page)).toContainText(
        `${inWindow(own).length} orders in the last 7 days`,
      );
      await expect(lastOrderCard(page)).toContainText(inWindow(own)[0].code);

      await page.goto(entityUrl(other));
      await expect(lastOrderCard(page)).toContainText(NO_PERMISSION);
      await expect(lastOrderCard(page)).not.toContainText(
        inWindow(other)[0].code,
      );
      await expect(lastOrderCard(page)).not.toContainText(/in the last 7 days/);
    });

    test(`the workflows list shows the last order of ${own} and an empty cell for ${other}`, async ({
      page,
      rowOf,
    }) => {
      await page.goto('/catalog');

      // One request answers every row of the page: once the own row has its summary, so has the other.
      await expect(rowOf(own)).toContainText(LAST_ORDER_CELL);
      await expect(rowOf(other)).toBeVisible();
      await expect(rowOf(other)).not.toContainText(LAST_ORDER_CELL);
      await expect(rowOf(other)).not.toContainText(/No orders yet|Unavailable/);
      // Not still loading either (the catalog's own descriptions may end in "…").
      await expect(rowOf(other).getByText('…', { exact: true })).toHaveCount(0);
    });
  });

  test(`the actions give ${identity} the orders of ${own} and never those of ${other}`, async ({
    portal,
    workflows,
    tokenOf,
  }) => {
    const [ownId, otherId] = [own, other].map(
      name => demoWorkflow(workflows, name).workflowId,
    );
    const token = await tokenOf(identity);
    const ordersOf = (workflowId: string) =>
      invokeAction(portal, token, 'get-workflow-orders', { workflowId });

    const ownOrders = await ordersOf(ownId);
    const otherOrders = await ordersOf(otherId);
    const unknownOrders = await ordersOf(randomUUID());
    const last = await invokeAction(portal, token, 'get-last-orders', {
      workflowIds: [ownId, otherId],
    });

    expect(ownOrders.status).toBe(200);
    expect(ownOrders.body.output.total_count).toBe(inWindow(own).length);
    expect(
      ownOrders.body.output.orders.map(
        (o: { workflow_id: string }) => o.workflow_id,
      ),
    ).toEqual(inWindow(own).map(() => ownId));
    expect(otherOrders.status).toBe(404);
    expect(unknownOrders.status).toBe(404);
    expect(JSON.stringify(otherOrders.body)).not.toContain(
      inWindow(other)[0].code,
    );
    expect(last.status).toBe(200);
    expect(last.body.output.summaries[0]).toMatchObject({
      workflow_id: ownId,
      last_order_code: inWindow(own)[0].code,
    });
    expect(last.body.output.summaries[1]).toBeNull();
  });

  test(`a direct API call of ${identity} for ${other} is answered like one for an unknown workflow`, async ({
    workflows,
    tokenOf,
    api,
  }) => {
    const token = await tokenOf(identity);
    const otherId = demoWorkflow(workflows, other).workflowId;
    const unknownId = randomUUID();
    // An order of the other desk's workflow, found by operations.
    const olivia = await tokenOf('olivia');
    const seen = (await (
      await api(olivia, `/workflows/${otherId}/orders`)
    ).json()) as { orders: { id: string }[] };
    const otherOrderId = seen.orders[0].id;

    for (const route of ['orders', 'activity']) {
      const hidden = await api(token, `/workflows/${otherId}/${route}`);
      const unknown = await api(token, `/workflows/${unknownId}/${route}`);
      expect(await notFoundBody(hidden, otherId), route).toEqual(
        await notFoundBody(unknown, unknownId),
      );
    }
    const unknownOrderId = randomUUID();
    const hiddenOrder = await api(token, `/orders/${otherOrderId}`);
    const unknownOrder = await api(token, `/orders/${unknownOrderId}`);
    expect(await notFoundBody(hiddenOrder, otherOrderId)).toEqual(
      await notFoundBody(unknownOrder, unknownOrderId),
    );
  });
}

test.describe(`as ${IDENTITIES.olivia.button}`, () => {
  test.use(signedInAs('olivia'));

  test("operations sees the orders of both desks' workflows on the tab, the card and the list", async ({
    page,
    entityUrl,
    ordersOf,
    rowOf,
  }) => {
    // Five pages, each opened afresh: more than one scenario's 60 s on a busy 2-core machine.
    test.slow();
    for (const { own } of DESKS) {
      await ordersOf(own, inWindow(own).length);
      await page.goto(entityUrl(own));
      await expect(lastOrderCard(page)).toContainText(
        `${inWindow(own).length} orders in the last 7 days`,
      );
    }
    await page.goto('/catalog');
    for (const { own } of DESKS) {
      await expect(rowOf(own)).toContainText(LAST_ORDER_CELL);
    }
  });

  test("operations gets both desks' orders from the actions", async ({
    portal,
    workflows,
    tokenOf,
  }) => {
    const token = await tokenOf('olivia');
    const ids = DESKS.map(({ own }) => demoWorkflow(workflows, own).workflowId);

    for (const [i, { own }] of DESKS.entries()) {
      const orders = await invokeAction(portal, token, 'get-workflow-orders', {
        workflowId: ids[i],
      });
      expect(orders.status).toBe(200);
      expect(orders.body.output.total_count).toBe(inWindow(own).length);
    }
    const last = await invokeAction(portal, token, 'get-last-orders', {
      workflowIds: ids,
    });
    expect(last.status).toBe(200);
    expect(
      last.body.output.summaries.map(
        (s: { last_order_code: string } | null) => s?.last_order_code,
      ),
    ).toEqual(DESKS.map(({ own }) => inWindow(own)[0].code));
  });
});

test('the demo sign-in refuses a user the catalog does not have, and a request that names nobody', async ({
  portal,
}) => {
  const unknown = await demoSignIn(portal.backendUrl, {
    [DEMO_USER_HEADER]: 'mallory',
  });
  const nobody = await demoSignIn(portal.backendUrl, {});

  expect(unknown.ok).toBe(false);
  expect(nobody.status).toBe(401);
});

test.describe('a newcomer', () => {
  test.use(signedOut);

  test('picks who to be, stays signed in across reloads, and signs out to pick someone else', async ({
    page,
    portal,
  }) => {
    const whoAmI = page.waitForResponse(
      res =>
        res.url().startsWith(`${portal.backendUrl}/api/auth/demo/refresh`) &&
        res.ok(),
    );
    await page.goto('/');
    for (const { button } of Object.values(IDENTITIES)) {
      await expect(page.getByRole('button', { name: button })).toBeVisible();
    }
    await signInOnPage(page, 'quinn');
    expect((await whoAmI).request().headers()[DEMO_USER_HEADER]).toBe('quinn');

    await page.reload();
    await expect(
      page.getByRole('heading', { name: /Catalog/ }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: IDENTITIES.quinn.button }),
    ).toHaveCount(0);
    await expect(page.getByTestId('signed-in-user')).toHaveAttribute(
      'title',
      /Signed in as Quinn/,
    );

    await page.getByRole('button', { name: 'Sign out' }).click({ force: true });
    await signInOnPage(page, 'tara');
    await expect(page.getByTestId('signed-in-user')).toHaveAttribute(
      'title',
      /Signed in as Tara/,
    );
  });
});
