#!/usr/bin/env node
// Calls the workflow-orders tools of a running portal over MCP, as an AI assistant would:
//   node scripts/mcp-example.mjs [backendUrl] [user]
// It signs in as `user` of the demo catalog (tara, quinn or olivia; the local portal's demo
// sign-in), lists the tools and calls list-latest-orders with limit 2.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [backendUrl = 'http://localhost:7007', user = 'tara'] =
  process.argv.slice(2);

const session = await fetch(`${backendUrl}/api/auth/demo/refresh`, {
  headers: {
    'x-workflow-orders-demo-user': user,
    'X-Requested-With': 'XMLHttpRequest',
  },
});
if (!session.ok) {
  console.error(`Could not sign in as ${user}: ${session.status}`);
  process.exit(1);
}
const token = (await session.json()).backstageIdentity.token;

const client = new Client({ name: 'workflow-orders-example', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(`${backendUrl}/api/mcp-actions/v1`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  }),
);
const { tools } = await client.listTools();
console.log('tools:', tools.map(t => t.name).filter(n => n.startsWith('workflow-orders.')).join(', '));
const result = await client.callTool({
  name: 'workflow-orders.list-latest-orders',
  arguments: { limit: 2 },
});
console.log(JSON.stringify(result, null, 2));
await client.close();
