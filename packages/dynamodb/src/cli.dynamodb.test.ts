import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded';

const run = promisify(execFile);
const BIN = join(__dirname, '..', 'bin', 'workflow-orders-table');

describe('workflow-orders-table', () => {
  let dynamo: EmbeddedDynamoDb;

  beforeAll(async () => {
    dynamo = await startEmbeddedDynamoDb({ tableName: false });
  }, 90_000);

  afterAll(() => dynamo.stop());

  const table = (...args: string[]) =>
    run(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });

  it('creates the table at the endpoint it is given, and says so', async () => {
    // Act
    const first = await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--region',
      'us-east-1',
      '--table',
      'orders_cli',
    );
    const second = await table(
      'create',
      '--endpoint',
      dynamo.endpoint,
      '--table',
      'orders_cli',
    );

    // Assess
    expect(first.stdout).toMatch(
      /^table orders_cli: created; id index: created; TTL: /,
    );
    expect(second.stdout).toMatch(
      /^table orders_cli: exists; id index: exists; TTL: /,
    );
    const client = dynamo.createClient();
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: 'orders_cli' }),
    );
    client.destroy();
    expect(Table?.TableStatus).toBe('ACTIVE');
  }, 60_000);

  it('names the endpoint it could not reach and exits 1', async () => {
    // Act
    const failure = await table(
      'create',
      '--endpoint',
      'http://127.0.0.1:9',
      '--table',
      'x',
    ).catch(error => error);

    // Assess
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('Could not create the table');
    expect(failure.stderr).toContain('127.0.0.1:9');
  }, 60_000);

  it('writes the template and both policies', async () => {
    // Prepare
    const out = mkdtempSync(join(tmpdir(), 'workflow-orders-deploy-'));

    // Act
    await table('render', '--out', out);

    // Assess
    expect(readdirSync(out).sort()).toEqual([
      'backend-read-policy.json',
      'engine-write-policy.json',
      'workflow-orders-table.cfn.json',
    ]);
  }, 60_000);

  it('explains its usage on an unknown command', async () => {
    const failure = await table('drop').catch(error => error);

    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('Unknown command "drop"');
    expect(failure.stderr).toContain('workflow-orders-table create');
  }, 60_000);
});
