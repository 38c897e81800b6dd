import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { demoWorkflow } from '@workflow-orders/local-portal';
import {
  expect,
  test as base,
  type Identity,
  type PortalInfo,
} from './fixtures';
import { callApi } from './support/api';

// An AI assistant's view of the orders: the official MCP client connects to the portal's
// backend (@backstage/plugin-mcp-actions-backend, streamable HTTP) with a person's Backstage token
// and calls the workflow-orders actions. What it may read is what the REST API lets that person
// read: "you see the orders of workflows your group owns; operations see all".

const TOOLS = [
  'workflow-orders.get-workflow-orders',
  'workflow-orders.get-order',
  'workflow-orders.get-last-orders',
  'workflow-orders.list-latest-orders',
];

/** A connected MCP client of the portal's MCP server, as `token`'s holder. */
async function connect(portal: PortalInfo, token?: string) {
  const client = new Client({ name: 'workflow-orders-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`${portal.backendUrl}/api/mcp-actions/v1`),
    token
      ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } }
      : undefined,
  );
  await client.connect(transport);
  return client;
}

/** The JSON answer of a tool call that succeeded. */
function answerOf(result: CallToolResult): any {
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  const [first] = result.content;
  expect(first.type).toBe('text');
  return JSON.parse((first as { text: string }).text);
}

/** The text of a tool call that failed, as the client sees it. */
function errorOf(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  return result.content.map(c => (c as { text: string }).text).join('\n');
}

/** Every row of `GET /latest-orders` for `token`, following its cursors. */
async function restLatestOrders(portal: PortalInfo, token: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await callApi(
      portal.backendUrl,
      token,
      `/latest-orders?limit=100${query}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      orders: Array<{ workflow_id: string }>;
      next_cursor: string | null;
    };
    ids.push(...body.orders.map(o => o.workflow_id));
    cursor = body.next_cursor;
  } while (cursor);
  return ids;
}

/** Every row of `list-latest-orders` for `client`, following its cursors. */
async function mcpLatestOrders(client: Client) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const answer = answerOf(
      (await client.callTool({
        name: 'workflow-orders.list-latest-orders',
        arguments: { limit: 100, ...(cursor ? { cursor } : {}) },
      })) as CallToolResult,
    );
    ids.push(
      ...answer.orders.map((o: { workflow_id: string }) => o.workflow_id),
    );
    cursor = answer.next_cursor ?? undefined;
  } while (cursor);
  return ids;
}

/** A person's MCP session: the client, connected with their token, closed after the scenario. */
interface McpSession {
  readonly client: Client;
  readonly token: string;
}

const test = base.extend<{
  /** Signs in as `identity` and connects an MCP client with their token. */
  mcpAs: (identity: Identity) => Promise<McpSession>;
}>({
  mcpAs: async ({ portal, tokenOf }, use) => {
    const clients: Client[] = [];
    await use(async identity => {
      const token = await tokenOf(identity);
      const client = await connect(portal, token);
      clients.push(client);
      return { client, token };
    });
    for (const client of clients) await client.close();
  },
});

/**
 * The workflows of the Workflow orders page over MCP, checked to be exactly those of the REST page
 * for the same person, and noted on the test.
 */
async function sameWorkflowsAsRest(
  portal: PortalInfo,
  identity: Identity,
  { client, token }: McpSession,
) {
  const viaMcp = await mcpLatestOrders(client);
  const viaRest = await restLatestOrders(portal, token);

  // The same workflows; their order can move between the two reads while the demo engine trades.
  expect([...viaMcp].sort()).toEqual([...viaRest].sort());
  test.info().annotations.push({
    type: 'rows',
    description: `${identity}: ${viaMcp.length} via MCP, ${viaRest.length} via REST`,
  });
  return viaMcp;
}

test.describe('AI assistants over MCP', () => {
  test('the MCP server lists the four read-only tools of workflow-orders', async ({
    mcpAs,
  }) => {
    const { client } = await mcpAs('tara');

    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('workflow-orders.'));

    expect(ours.map(t => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of ours) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
      });
      expect(tool.description).toBeTruthy();
    }
  });

  test('Tara gets the trading desk’s workflows, exactly those of the REST page, and never another desk’s', async ({
    portal,
    workflows,
    mcpAs,
  }) => {
    const viaMcp = await sameWorkflowsAsRest(
      portal,
      'tara',
      await mcpAs('tara'),
    );

    expect(viaMcp).toContain(
      demoWorkflow(workflows, 'fra40-breakout').workflowId,
    );
    expect(viaMcp).not.toContain(
      demoWorkflow(workflows, 'dax-mean-reversion').workflowId,
    );
  });

  test('another desk’s workflow is "not found" over MCP, as over REST', async ({
    workflows,
    mcpAs,
    api,
  }) => {
    const { client, token } = await mcpAs('tara');
    const other = demoWorkflow(workflows, 'dax-mean-reversion').workflowId;

    const result = (await client.callTool({
      name: 'workflow-orders.get-workflow-orders',
      arguments: { workflowId: other },
    })) as CallToolResult;
    const rest = await api(token, `/workflows/${other}/orders`);
    const restBody = (await rest.json()) as { error: { message: string } };

    expect(rest.status).toBe(404);
    expect(errorOf(result)).toBe(`NotFoundError: ${restBody.error.message}`);
  });

  test('Olivia of operations gets every workflow, exactly those of the REST page', async ({
    portal,
    workflows,
    mcpAs,
  }) => {
    const session = await mcpAs('olivia');
    const viaMcp = await sameWorkflowsAsRest(portal, 'olivia', session);

    for (const name of ['fra40-breakout', 'dax-mean-reversion']) {
      expect(viaMcp).toContain(demoWorkflow(workflows, name).workflowId);
    }
    const own = answerOf(
      (await session.client.callTool({
        name: 'workflow-orders.get-workflow-orders',
        arguments: {
          workflowId: demoWorkflow(workflows, 'dax-mean-reversion').workflowId,
          limit: 2,
        },
      })) as CallToolResult,
    );
    expect(own.orders.length).toBeGreaterThan(0);
  });

  test('a client without credentials is refused', async ({ portal }) => {
    await expect(connect(portal)).rejects.toThrow(/401|Unauthorized/);
  });

  test('bad arguments get an error that names what is wrong', async ({
    workflows,
    mcpAs,
  }) => {
    const { client } = await mcpAs('olivia');
    const workflowId = demoWorkflow(workflows, 'fra40-breakout').workflowId;
    const call = async (name: string, args: Record<string, unknown>) => {
      try {
        const result = (await client.callTool({
          name: `workflow-orders.${name}`,
          arguments: args,
        })) as CallToolResult;
        return errorOf(result);
      } catch (error) {
        // Arguments refused by the tool's input schema come back as a JSON-RPC error.
        return String((error as Error).message);
      }
    };

    expect(await call('get-workflow-orders', { workflowId: 'wf-1' })).toContain(
      'workflowId must be a UUID',
    );
    expect(await call('get-workflow-orders', { workflowId, limit: 0 })).toMatch(
      /limit/i,
    );
    expect(await call('list-latest-orders', { limit: 10_000 })).toMatch(
      /limit/i,
    );
    expect(
      await call('get-workflow-orders', { workflowId, cursor: 'forged' }),
    ).toContain('cursor is not valid');
    expect(await call('get-order', { orderId: '' })).toMatch(/orderId/);

    // The server is still there for the next call.
    const answer = answerOf(
      (await client.callTool({
        name: 'workflow-orders.get-workflow-orders',
        arguments: { workflowId, limit: 1 },
      })) as CallToolResult,
    );
    expect(answer.orders).toHaveLength(1);
  });
});
